'use strict';
// Runs one (client, workload) in a fresh process: bench/runner.js on the chosen Node for a JS
// client, the bench-ceiling program for the Rust one. Resolves with
// `{ measurement, browserArgs, leftBehind }`: the measurement `{ ops, wallMs, cpuMs, maxRssKiB }`,
// the command line of the browser the client launched (pipe clients), and what the bench had
// to kill or remove after it (leftovers.js). Rejects with the reason and the process's last output.

const path = require('node:path');
const { fork, spawn } = require('node:child_process');
const { CEILING } = require('./rust-programs');
const { onExit, killQuietly } = require('./exit-hooks');
const { makeRunFolder, startedBy, cleanUp, cleanUpNow } = require('./leftovers');

const RUNNER = path.join(__dirname, 'runner.js');

async function runInFreshProcess({ client, workload, endpoint, params, timeoutMs, node }) {
  const folder = makeRunFolder();
  const env = { ...process.env, TMPDIR: folder };
  const child = client.rust
    ? spawn(CEILING, [endpoint, workload.name, JSON.stringify(params)], { stdio: ['ignore', 'pipe', 'pipe'], env })
    : fork(RUNNER, runnerArgs(client, workload, endpoint, params), {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env,
        execPath: node.execPath,
        execArgv: [], // not the bench's own flags (--cpu-prof, say): profile a runner by hand
      });
  /** pid → { pid, start, args }: every process the run started, as last seen. */
  const started = new Map();
  const look = () => {
    for (const p of startedBy(child.pid)) started.set(p.pid, p);
  };
  const hook = onExit(() => {
    look(); // a browser launched since the last look, while the runner is still there
    killQuietly(child.pid);
    cleanUpNow({ processes: [...started.values()], folder });
  });
  let stdout = '';
  let stderrTail = '';
  child.stdout.on('data', (chunk) => (stdout = (stdout + chunk).slice(-100000)));
  child.stderr.on('data', (chunk) => (stderrTail = (stderrTail + chunk).slice(-3000)));
  let result;
  // The runner says when it has connected (its browser is up) and when it has measured (all
  // pages still open): the two moments to see what it started.
  child.on('message', (m) => {
    if (!m.look) {
      result = m;
      return;
    }
    look();
    child.send({ looked: m.look });
  });

  let timedOut = false;
  const closed = new Promise((resolve) => {
    const timer = setTimeout(() => {
      timedOut = true;
      look();
      killQuietly(child.pid);
    }, timeoutMs);
    child.once('error', (error) => (stderrTail += `\n${error.message}`));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
  const { code, signal } = await closed;
  const processes = [...started.values()];
  const leftBehind = await cleanUp({ processes, folder });
  hook.forget();

  const browserArgs = processes.find((p) => p.args.includes('--remote-debugging-pipe'))?.args;
  if (!timedOut && client.rust && code === 0) return { measurement: JSON.parse(stdout.trim().split('\n').pop()), leftBehind };
  if (!timedOut && result?.measurement) return { measurement: result.measurement, browserArgs, leftBehind };
  const output = stderrTail.trim() ? `\n${indent(stderrTail.trim())}` : '';
  const why = timedOut ? `timed out after ${timeoutMs / 1000} s` : (result?.error?.stack ?? `exited with ${signal ?? `code ${code}`}`);
  throw Object.assign(new Error(`${why}${output}`), { leftBehind });
}

function runnerArgs(client, workload, endpoint, params) {
  const args = ['--client', client.name, '--workload', workload.name, '--params', JSON.stringify(params)];
  // A pipe client launches its own browser and takes no endpoint.
  if (client.section !== 'pipe') args.push('--endpoint', endpoint);
  return args;
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

module.exports = { runInFreshProcess };
