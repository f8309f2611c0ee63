'use strict';
// The workloads: what each measures, its sizes (full and --quick), and how its figure reads.

const browser = require('./browser');
const mock = require('./mock');

const MiB = 1024 * 1024;
const n = (value) => value.toLocaleString('en-US');

/**
 * server: 'browser' (the shared Chromium) or 'mock' (the Rust mock server).
 * metric: 'rate' (ops per second, higher is better) or 'latency' (ms, lower is better).
 * params: the sizes of a full run; quickParams: of a --quick smoke run.
 * fewer: smaller sizes for the rows of one library too slow for the full ones (see paramsFor),
 *   with `size(params)`, how the table names them.
 */
/**
 * Playwright does a few thousand calls or events a second where the others do tens of thousands
 * (its client and server layers handle each message): at full size its rows took about half of
 * the measured time of a run. All its rows (own transports, cdp-native's) run a quarter of the
 * calls or about it (W4's one string is the same), alike, and are never the best peer others are held to.
 */
function playwrightFewer(size, params, quickParams) {
  return { library: 'playwright', size, params, quickParams };
}

const WORKLOADS = [
  {
    name: 'W1',
    title: (p) => `${n(p.count)} sequential Runtime.evaluate`,
    server: 'browser',
    metric: 'rate',
    params: { count: 2000 },
    quickParams: { count: 500 },
    fewer: playwrightFewer((p) => `${n(p.count)} calls`, { count: 500 }, { count: 200 }),
    run: browser.sequential,
  },
  {
    name: 'W2',
    title: (p) => `${n(p.count)} pipelined Runtime.evaluate`,
    server: 'browser',
    metric: 'rate',
    params: { count: 10000 },
    quickParams: { count: 5000 },
    fewer: playwrightFewer((p) => `${n(p.count)} calls`, { count: 2500 }, { count: 2000 }),
    run: browser.pipelined,
  },
  {
    name: 'W3',
    title: (p) => `${n(p.count)} Runtime.consoleAPICalled events`,
    server: 'browser',
    metric: 'rate',
    params: { count: 10000 },
    quickParams: { count: 5000 },
    fewer: playwrightFewer((p) => `${n(p.count)} events`, { count: 2500 }, { count: 2000 }),
    run: browser.consoleEvents,
  },
  {
    name: 'W4',
    title: (p) => `one ${p.bytes / MiB} MiB returnByValue string: latency and peak RSS`,
    server: 'browser',
    metric: 'latency',
    params: { bytes: 32 * MiB },
    quickParams: { bytes: 32 * MiB },
    run: browser.bigResult,
  },
  {
    name: 'W5',
    title: (p) => `${p.pages} pages × ${n(p.count)} evaluates, concurrently`,
    server: 'browser',
    metric: 'rate',
    params: { pages: 20, count: 250 },
    quickParams: { pages: 20, count: 100 },
    fewer: playwrightFewer((p) => `${p.pages} × ${n(p.count)} calls`, { pages: 20, count: 64 }, { pages: 20, count: 50 }),
    run: browser.manyPages,
  },
  {
    name: 'M1',
    title: (p) => `mock server: ${n(p.count)} sends, ${n(p.inFlight)} in flight`,
    server: 'mock',
    metric: 'rate',
    params: { count: 50000, inFlight: 1000 },
    quickParams: { count: 20000, inFlight: 1000 },
    fewer: playwrightFewer((p) => `${n(p.count)} sends`, { count: 12500, inFlight: 1000 }, { count: 5000, inFlight: 1000 }),
    run: mock.sends,
  },
  {
    name: 'M2',
    title: (p) => `mock server: ${n(p.count)} events of ${p.size} B`,
    server: 'mock',
    metric: 'rate',
    params: { count: 200000, size: 200 },
    quickParams: { count: 50000, size: 200 },
    run: mock.flood,
  },
];

function findWorkload(name) {
  const workload = WORKLOADS.find((w) => w.name === name);
  if (!workload) throw new Error(`unknown workload ${JSON.stringify(name)}; known: ${WORKLOADS.map((w) => w.name).join(', ')}`);
  return workload;
}

/** The sizes `client` runs `workload` with. */
function paramsFor(workload, client, quick) {
  const sizes = workload.fewer && workload.fewer.library === client.library ? workload.fewer : workload;
  return quick ? sizes.quickParams : sizes.params;
}

/** How the table names a row's sizes `params` when they are not the workload's `own`, else undefined. */
function sizeNote(workload, params, own) {
  if (!params || JSON.stringify(params) === JSON.stringify(own)) return undefined;
  return workload.fewer?.size(params) ?? JSON.stringify(params);
}

/** The figure a run is judged by: ops/s for 'rate', ms for 'latency'. */
function figureOf(workload, { ops, wallMs }) {
  return workload.metric === 'rate' ? (ops / wallMs) * 1000 : wallMs;
}

module.exports = { WORKLOADS, findWorkload, figureOf, paramsFor, sizeNote };
