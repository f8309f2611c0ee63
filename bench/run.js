'use strict';
// `npm run bench`: every (client, workload) in a fresh process on the chosen Node (24 by
// default), clients interleaved (in a shuffled order, see plan.js) round after round, in two
// sections: WebSocket clients against one shared headless Chromium (W1–W5) and the Rust mock
// server (M1, M2); pipe clients each launching a Chromium of its own (W1–W5). Then one table
// per workload and section, and every run in bench/results/<date>.json.
// `npm run bench -- --help` lists the options.

const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseOptions, UsageError } = require('./options');
const { resolveNode } = require('./node-runtime');
const { SECTIONS, availability, canRun } = require('./clients');
const { buildRustPrograms } = require('./rust-programs');
const { startBrowser, CHROMIUM_PATH } = require('./browser');
const { startMockServer } = require('./mock-server');
const { runInFreshProcess } = require('./child');
const { plan } = require('./plan');
const { figureOf, paramsFor } = require('./workloads');
const { summarize, adapterView } = require('./summary');
const { formatReport } = require('./report');
const { writeResults } = require('./results-file');

const log = (line) => process.stderr.write(`${line}\n`);

async function main(options) {
  const startedAt = Date.now();
  const node = nodeOrUsageError(options.node);
  log(`bench: the clients run on Node ${node.version} (${node.execPath})`);
  if (options.breakdown) return require('./breakdown').main({ node, rounds: options.rounds });
  const clients = options.clients.map((client) => ({ ...client, available: availability(client) }));
  for (const c of clients) if (c.available !== true) log(`bench: ${c.name}: not available (${c.available})`);
  const planned = plan({ ...options, clients: clients.filter((c) => c.available === true) });
  if (planned.length === 0) throw new UsageError('nothing to run: no available client runs the chosen workloads');
  const paramsOf = (workload) => (options.quick ? workload.quickParams : workload.params);

  if (options.build) {
    log('bench: building the Rust mock server and ceiling (cargo build --release)');
    buildRustPrograms();
  }
  const needs = (server) => planned.some((r) => r.workload.server === server && r.client.section !== 'pipe');
  const browser = needs('browser') ? await startBrowser() : undefined;
  const results = [];
  try {
    const mock = needs('mock') ? await startMockServer() : undefined;
    try {
      if (browser) log(`bench: ${browser.version} at ${browser.wsEndpoint}`);
      log(`bench: ${planned.length} runs, order seed ${options.seed}`);
      for (const [index, { round, workload, client }] of planned.entries()) {
        const endpoint = workload.server === 'browser' ? browser?.wsEndpoint : mock.wsEndpoint;
        const params = paramsFor(workload, client, options.quick);
        const prefix = `[${index + 1}/${planned.length}] round ${round} ${workload.name} ${client.name}`;
        const run = { round, workload: workload.name, section: client.section, client: client.name, params };
        const processStart = Date.now();
        try {
          const outcome = await runInFreshProcess({ client, workload, endpoint, params, timeoutMs: options.timeoutMs, node });
          Object.assign(run, {
            ok: true,
            measurement: outcome.measurement,
            browserArgs: outcome.browserArgs,
            leftBehind: outcome.leftBehind,
          });
          log(`${prefix}: ${describe(workload, run.measurement)}${describeLeftovers(run.leftBehind)}`);
        } catch (error) {
          Object.assign(run, { ok: false, error: error.message, leftBehind: error.leftBehind });
          log(`${prefix}: FAILED: ${error.message}${describeLeftovers(run.leftBehind)}`);
        }
        // The whole process, start to exit: what the run costs the bench's time budget.
        run.processMs = Date.now() - processStart;
        results.push(run);
      }
    } finally {
      await mock?.stop();
    }
  } finally {
    await browser?.stop();
  }

  const summary = { sections: {}, adapters: {} };
  for (const section of SECTIONS) {
    const tables = {};
    for (const workload of options.workloads) {
      const able = clients.filter((c) => c.section === section.name && canRun(c, workload));
      const runs = results.filter((r) => r.workload === workload.name && r.section === section.name);
      const rows = summarize(workload, able, runs, paramsOf(workload));
      if (rows.some((row) => row.available !== false)) tables[workload.name] = rows;
    }
    if (Object.keys(tables).length) summary.sections[section.name] = tables;
  }
  summary.adapters = adapterView(options.workloads, summary.sections);

  const wallTimeS = (Date.now() - startedAt) / 1000;
  const chromium = browser?.version ?? chromiumVersion();
  const heading =
    `cdp-native bench, ${new Date(startedAt).toISOString()}, clients on Node ${node.version}, ${chromium}, ` +
    `${options.rounds} round(s), seed ${options.seed}${options.quick ? ', --quick sizes' : ''}, took ${wallTimeS.toFixed(0)} s`;
  process.stdout.write(formatReport({ heading, workloads: options.workloads, paramsOf, summary, runs: results }));

  const file = writeResults({
    startedAt: new Date(startedAt).toISOString(),
    wallTimeS,
    command: process.argv.slice(2),
    node: { version: node.version, execPath: node.execPath },
    chromium,
    options: { quick: options.quick, rounds: options.rounds, seed: options.seed, timeoutMs: options.timeoutMs },
    notAvailable: clients.filter((c) => c.available !== true).map((c) => ({ client: c.name, reason: c.available })),
    runs: results,
    summary,
  });
  process.stdout.write(`\nEvery run: ${path.relative(process.cwd(), file)}\n`);

  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    process.stderr.write(`\nbench: ${failed.length} run(s) FAILED:\n`);
    for (const r of failed) process.stderr.write(`  round ${r.round} ${r.workload} ${r.client}: ${r.error.split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}

function describe(workload, measurement) {
  const figure = figureOf(workload, measurement);
  const shown = workload.metric === 'rate' ? `${Math.round(figure).toLocaleString('en-US')}/s` : `${figure.toFixed(0)} ms`;
  const cpu = (measurement.cpuMs / measurement.wallMs).toFixed(2);
  return `${shown}  (CPU ${cpu}, peak RSS ${(measurement.maxRssKiB / 1024).toFixed(0)} MiB)`;
}

function describeLeftovers(leftBehind) {
  if (!leftBehind || (leftBehind.processes.length === 0 && leftBehind.files.length === 0)) return '';
  return `  LEFT BEHIND: ${[...leftBehind.processes, ...leftBehind.files].join(', ')}`;
}

/** The clients' Node; a --node that cannot be had is the user's to fix, not a crash. */
function nodeOrUsageError(spec) {
  try {
    return resolveNode(spec, log);
  } catch (error) {
    throw new UsageError(error.message);
  }
}

/** The browser's version when no shared one was started (a pipe-only run). */
function chromiumVersion() {
  const run = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 30000 });
  // "Chromium 156.0.8078.114 built on Debian …": the name and the version.
  return run.status === 0 ? run.stdout.trim().split(' ').slice(0, 2).join(' ') : `${CHROMIUM_PATH} (version unknown)`;
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${error.usage ?? ''}`);
  process.exit(2);
}
main(options).catch((error) => {
  process.stderr.write(`bench: ${error instanceof UsageError ? error.message : (error.stack ?? error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
