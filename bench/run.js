'use strict';
// `npm run bench`: every (client, workload) in a fresh process, clients interleaved (in a
// shuffled order, see plan.js) round after round, against one shared headless Chromium (W1–W5) and the Rust mock server (M1,
// M2); then one table per workload, and every run in bench/results/<date>.json.
// `npm run bench -- --help` lists the options.

const path = require('node:path');
const { parseOptions, UsageError } = require('./options');
const { buildRustPrograms } = require('./rust-programs');
const { startBrowser } = require('./browser');
const { startMockServer } = require('./mock-server');
const { runInFreshProcess } = require('./child');
const { plan } = require('./plan');
const { figureOf } = require('./workloads');
const { summarize } = require('./summary');
const { formatTable, LEGEND } = require('./table');
const { writeResults } = require('./results-file');

const log = (line) => process.stderr.write(`${line}\n`);

async function main(options) {
  const startedAt = Date.now();
  const planned = plan(options);
  if (planned.length === 0) throw new UsageError('no client can run the chosen workloads');
  const paramsOf = (workload) => (options.quick ? workload.quickParams : workload.params);

  if (options.build) {
    log('bench: building the Rust mock server and ceiling (cargo build --release)');
    buildRustPrograms();
  }
  const needs = (server) => planned.some((r) => r.workload.server === server && !r.client.ownBrowser);
  const browser = needs('browser') ? await startBrowser() : undefined;
  const results = [];
  try {
    const mock = needs('mock') ? await startMockServer() : undefined;
    try {
      if (browser) log(`bench: ${browser.version} at ${browser.wsEndpoint}`);
      log(`bench: ${planned.length} runs, order seed ${options.seed}`);
      for (const [index, { round, workload, client }] of planned.entries()) {
        const endpoint = workload.server === 'browser' ? browser?.wsEndpoint : mock.wsEndpoint;
        const params = paramsOf(workload);
        const prefix = `[${index + 1}/${planned.length}] round ${round} ${workload.name} ${client.name}`;
        const run = { round, workload: workload.name, client: client.name, params };
        const processStart = Date.now();
        try {
          run.measurement = await runInFreshProcess({ client, workload, endpoint, params, timeoutMs: options.timeoutMs });
          run.ok = true;
          log(`${prefix}: ${describe(workload, run.measurement)}`);
        } catch (error) {
          run.ok = false;
          run.error = error.message;
          log(`${prefix}: FAILED: ${error.message}`);
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

  const tables = [];
  const summary = {};
  for (const workload of options.workloads) {
    const runs = results.filter((r) => r.workload === workload.name);
    if (runs.length === 0) continue;
    summary[workload.name] = summarize(workload, options.clients, runs);
    tables.push(formatTable(workload, paramsOf(workload), summary[workload.name]));
  }
  const wallTimeS = (Date.now() - startedAt) / 1000;
  const heading =
    `cdp-native bench, ${new Date(startedAt).toISOString()}, ${options.rounds} round(s), seed ${options.seed}` +
    `${options.quick ? ', --quick sizes' : ''}, ${browser?.version ?? 'no shared browser'}, took ${wallTimeS.toFixed(0)} s`;
  process.stdout.write(`\n${heading}\n${LEGEND}\n\n${tables.join('\n\n')}\n`);

  const file = writeResults({
    startedAt: new Date(startedAt).toISOString(),
    wallTimeS,
    command: process.argv.slice(2),
    chromium: browser?.version,
    options: { quick: options.quick, rounds: options.rounds, seed: options.seed, timeoutMs: options.timeoutMs },
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

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${error.usage ?? ''}`);
  process.exit(2);
}
main(options).catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
