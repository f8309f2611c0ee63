'use strict';
// Runs one (client, workload) in a fresh process: bench/runner.js for a JS client, the
// bench-ceiling program for the Rust one. Resolves with the measurement
// `{ ops, wallMs, cpuMs, maxRssKiB }`; rejects with the reason and the process's last output.

const path = require('node:path');
const { fork, spawn } = require('node:child_process');
const { CEILING } = require('./rust-programs');
const { onExit, killQuietly } = require('./exit-hooks');

const RUNNER = path.join(__dirname, 'runner.js');

function runInFreshProcess({ client, workload, endpoint, params, timeoutMs }) {
  const child = client.rust
    ? spawn(CEILING, [endpoint, workload.name, JSON.stringify(params)], { stdio: ['ignore', 'pipe', 'pipe'] })
    : fork(RUNNER, runnerArgs(client, workload, endpoint, params), { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const hook = onExit(() => killQuietly(child.pid));
  let stdout = '';
  let stderrTail = '';
  child.stdout.on('data', (chunk) => (stdout = (stdout + chunk).slice(-100000)));
  child.stderr.on('data', (chunk) => (stderrTail = (stderrTail + chunk).slice(-3000)));
  let message;
  child.on('message', (m) => (message = m));

  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killQuietly(child.pid);
    }, timeoutMs);
    child.once('error', (error) => (stderrTail += `\n${error.message}`));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      hook.forget();
      const output = stderrTail.trim() ? `\n${indent(stderrTail.trim())}` : '';
      if (timedOut) return reject(new Error(`timed out after ${timeoutMs / 1000} s${output}`));
      if (client.rust && code === 0) return resolve(JSON.parse(stdout.trim().split('\n').pop()));
      if (message?.measurement) return resolve(message.measurement);
      const why = message?.error?.stack ?? `exited with ${signal ?? `code ${code}`}`;
      reject(new Error(`${why}${output}`));
    });
  });
}

function runnerArgs(client, workload, endpoint, params) {
  const args = ['--client', client.name, '--workload', workload.name, '--params', JSON.stringify(params)];
  // The pipe client launches its own browser and takes no endpoint.
  if (!client.ownBrowser) args.push('--endpoint', endpoint);
  return args;
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

module.exports = { runInFreshProcess };
