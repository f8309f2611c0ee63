'use strict';
// Load and soak against a real Chromium (`npm run soak`; a script, not a timed test):
//   1. newPage()/close cycles, then sends pipelined on one session (a window in flight);
//      Node's open fds, threads and RSS (and Chromium's) before vs after, after a GC;
//   2. a slow listener (50 µs per event, slower than Chromium logs) under a flood of console
//      events from a page: every event must arrive, in order; the peak RSS of Node and of
//      Chromium say where the flood waited.
//
//   npm run soak                       1,000 cycles, 1,000,000 sends, 1,000,000 events
//   npm run soak -- --quick            100 cycles, 100,000 sends, 100,000 events
//   options: --transport=pipe|websocket --cycles=N --sends=N --window=N --events=N --listener-us=N
//
// Exits 1 if a figure grew past its bound (below) or an event was lost or out of order.

const { performance } = require('node:perf_hooks');
const { launch } = require('..');
const { fdCount, processTree, resetPeakRss, statusField } = require('./proc-stats');

const MiB = 1024 * 1024;
/**
 * Growth allowed between before and after: a few fds and threads of Node's own pools, and the
 * memory that V8 and malloc keep once they have grown (it plateaus: see LEAK_BOUND_MIB).
 */
const BOUNDS = { fds: 4, threads: 4, rssMiB: 48, heapMiB: 8 };
/**
 * RSS growth allowed over the second half of the sends, where a leak would show (the first
 * half lets RSS reach its plateau): RSS wanders by about 15 MiB as V8 and malloc take and
 * return pages, while a leak of 100 bytes a send would add 48 MiB over 500,000 sends.
 */
const LEAK_BOUND_MIB = 24;
/**
 * Peak RSS growth allowed while a slow listener takes the flood: the transport stops reading
 * while 16 MiB of deliveries wait for JS, so the flood waits in Chromium; a client that buffered
 * it all would need several hundred MiB for 1,000,000 events.
 */
const FLOOD_BOUND_MIB = 128;

function parseOptions(argv) {
  const quick = argv.includes('--quick');
  const options = {
    transport: 'pipe',
    cycles: quick ? 100 : 1000,
    sends: quick ? 100000 : 1000000,
    window: 1000,
    events: quick ? 100000 : 1000000,
    listenerUs: 50,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    if (!match) continue;
    const key = match[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in options)) throw new Error(`unknown option --${match[1]}`);
    options[key] = key === 'transport' ? match[2] : Number(match[2]);
  }
  return options;
}

// --- what a process holds ---------------------------------------------------------------------

/** Node's own figures; after a full GC when run with --expose-gc. */
function nodeFigures() {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { fds: fdCount('self'), threads: statusField('self', 'Threads'), rssMiB: rss / MiB, heapMiB: heapUsed / MiB };
}

/** Chromium's figures: its main process's fds and threads, its whole tree's processes and RSS. */
function browserFigures(pid) {
  let rssKiB = 0;
  const tree = processTree(pid);
  for (const member of tree) {
    try {
      rssKiB += statusField(member, 'VmRSS');
    } catch {
      // gone meanwhile
    }
  }
  return { fds: fdCount(pid), threads: statusField(pid, 'Threads'), processes: tree.length, rssMiB: rssKiB / 1024 };
}

// --- the workloads ------------------------------------------------------------------------------

async function pageCycles(browser, cycles) {
  for (let i = 0; i < cycles; i++) {
    const page = await browser.newPage();
    const detached = new Promise((resolve) => page.once('detached', resolve));
    await page.send('Page.close');
    await detached;
  }
}

/** `total` sends on one session, `window` of them in flight; each reply is checked. */
async function pipelinedSends(session, total, window) {
  let next = 0;
  let wrong = 0;
  async function lane() {
    while (next < total) {
      const n = next++;
      const { result } = await session.send('Runtime.evaluate', { expression: String(n), returnByValue: true });
      if (result.value !== n) wrong++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(window, total) }, lane));
  return wrong;
}

/** Burns `us` microseconds: a listener that cannot keep up with the browser. */
function busyWait(us) {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

/**
 * A page logs `total` numbers as fast as it can; a slow listener counts them. Resolves once
 * all have come, or when none has come for 30 s.
 */
async function flood(browser, total, listenerUs) {
  const page = await browser.newPage();
  await page.send('Runtime.enable');
  const stats = { received: 0, outOfOrder: 0, lastEventAt: performance.now() };
  let expected = 0;
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  page.on('Runtime.consoleAPICalled', (params) => {
    const value = params.args[0]?.value;
    if (value !== expected) stats.outOfOrder++;
    expected = value + 1;
    stats.received++;
    stats.lastEventAt = performance.now();
    busyWait(listenerUs);
    if (stats.received === total) finish();
  });
  const stalled = setInterval(() => {
    if (performance.now() - stats.lastEventAt > 30000) finish();
  }, 1000);
  let browserPeakMiB = 0;
  const sampler = setInterval(() => {
    browserPeakMiB = Math.max(browserPeakMiB, browserFigures(browser.process.pid).rssMiB);
  }, 1000);
  await page.send('Runtime.evaluate', {
    expression: `{
      let i = 0;
      const chunk = () => {
        for (const end = Math.min(i + 10000, ${total}); i < end; i++) console.log(i);
        if (i < ${total}) setTimeout(chunk, 0);
      };
      chunk();
    }`,
  });
  await done;
  clearInterval(stalled);
  clearInterval(sampler);
  await page.send('Page.close').catch(() => {});
  return { ...stats, browserPeakMiB };
}

// --- the report ---------------------------------------------------------------------------------

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function row(label, before, after, digits = 0) {
  const change = after - before;
  const sign = change > 0 ? '+' : '';
  return `  ${label.padEnd(28)}${fmt(before, digits).padStart(10)}${fmt(after, digits).padStart(10)}${`${sign}${fmt(change, digits)}`.padStart(10)}`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!globalThis.gc) console.log('note: run with node --expose-gc (npm run soak does) for figures after a GC');
  const browser = await launch({ transport: options.transport, protocolTimeout: 0 });
  const failures = [];
  try {
    const { product } = await browser.version();
    console.log(`cdp-native soak, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${product}, ${options.transport}`);

    // Warm up every path once, so that "before" includes their one-off costs.
    await pageCycles(browser, 3);
    const session = await browser.newPage();
    await pipelinedSends(session, options.window * 2, options.window);
    const nodeBefore = nodeFigures();
    const browserBefore = browserFigures(browser.process.pid);

    let started = performance.now();
    await pageCycles(browser, options.cycles);
    const cyclesSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const half = Math.floor(options.sends / 2);
    let wrong = await pipelinedSends(session, half, options.window);
    const nodeAtHalf = nodeFigures();
    wrong += await pipelinedSends(session, options.sends - half, options.window);
    const sendsSeconds = (performance.now() - started) / 1000;
    const nodeAfter = nodeFigures();
    const browserAfter = browserFigures(browser.process.pid);

    console.log(
      `\n${fmt(options.cycles)} newPage()/close cycles in ${fmt(cyclesSeconds, 1)} s; ${fmt(options.sends)} sends on one session, ${fmt(options.window)} in flight, in ${fmt(sendsSeconds, 1)} s (${fmt(options.sends / sendsSeconds)}/s), ${wrong} wrong replies`,
    );
    console.log(`  ${''.padEnd(28)}${'before'.padStart(10)}${'after'.padStart(10)}${'change'.padStart(10)}`);
    console.log(row('Node open fds', nodeBefore.fds, nodeAfter.fds));
    console.log(row('Node threads', nodeBefore.threads, nodeAfter.threads));
    console.log(row('Node RSS (MiB)', nodeBefore.rssMiB, nodeAfter.rssMiB, 1));
    console.log(row('Node JS heap used (MiB)', nodeBefore.heapMiB, nodeAfter.heapMiB, 1));
    console.log(row('Chromium processes', browserBefore.processes, browserAfter.processes));
    console.log(row('Chromium main fds', browserBefore.fds, browserAfter.fds));
    console.log(row('Chromium main threads', browserBefore.threads, browserAfter.threads));
    console.log(row('Chromium RSS, all (MiB)', browserBefore.rssMiB, browserAfter.rssMiB, 1));
    const lateGrowth = nodeAfter.rssMiB - nodeAtHalf.rssMiB;
    console.log(
      `  Node RSS after half of the sends ${fmt(nodeAtHalf.rssMiB, 1)} MiB; over the second half ${lateGrowth >= 0 ? '+' : ''}${fmt(lateGrowth, 1)} MiB`,
    );
    if (lateGrowth > LEAK_BOUND_MIB)
      failures.push(`Node RSS grew by ${fmt(lateGrowth, 1)} MiB over the second half of the sends (bound ${LEAK_BOUND_MIB})`);
    for (const [key, bound] of Object.entries(BOUNDS)) {
      if (nodeAfter[key] - nodeBefore[key] > bound)
        failures.push(`Node ${key} grew by ${fmt(nodeAfter[key] - nodeBefore[key], 1)} (bound ${bound})`);
    }
    if (wrong > 0) failures.push(`${wrong} sends got another call's reply`);

    const floodBefore = process.memoryUsage.rss() / MiB;
    const peakResettable = resetPeakRss();
    started = performance.now();
    const flooded = await flood(browser, options.events, options.listenerUs);
    const floodSeconds = (performance.now() - started) / 1000;
    const peakMiB = peakResettable ? statusField('self', 'VmHWM') / 1024 : NaN;
    const missing = options.events - flooded.received;
    console.log(
      `\nflood: ${fmt(flooded.received)} of ${fmt(options.events)} console events received (${fmt(missing)} missing, ${fmt(flooded.outOfOrder)} out of order) in ${fmt(floodSeconds, 1)} s (${fmt(flooded.received / floodSeconds)}/s), listener ${options.listenerUs} µs per event`,
    );
    console.log(
      `  Node RSS before ${fmt(floodBefore, 1)} MiB, peak during the flood ${peakResettable ? `${fmt(peakMiB, 1)} MiB (+${fmt(peakMiB - floodBefore, 1)})` : 'unknown (clear_refs not allowed)'}`,
    );
    console.log(`  Chromium RSS (all processes) peak ${fmt(flooded.browserPeakMiB, 1)} MiB`);
    if (missing !== 0) failures.push(`${missing} events never arrived`);
    if (peakMiB - floodBefore > FLOOD_BOUND_MIB)
      failures.push(`Node's peak RSS grew by ${fmt(peakMiB - floodBefore, 1)} MiB under the flood (bound ${FLOOD_BOUND_MIB})`);
    if (flooded.outOfOrder !== 0) failures.push(`${flooded.outOfOrder} events out of order`);
  } finally {
    await browser.close();
  }
  console.log(failures.length === 0 ? '\nOK: no growth beyond the bounds, nothing lost' : `\nFAILED:\n  ${failures.join('\n  ')}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
