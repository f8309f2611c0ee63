'use strict';
// W1–W5, against a Chromium (the shared one, or the pipe client's own). Each runs on pages of its own, closed at the end; only
// the part between startTimer() and stop() is measured. bench/rust/ceiling/workloads.rs
// sends the same commands and makes the same checks.

const { startTimer } = require('../measure');
const { expectEqual, collectInOrder } = require('./check');

/**
 * Runs `fn(pages)` on `count` new pages, and closes them however it ends. A client that
 * launched its browser lets it settle first (clients/own-browser.js).
 */
async function withPages(connection, count, fn) {
  const pages = await Promise.all(Array.from({ length: count }, () => connection.newPage()));
  try {
    await connection.settle?.();
    return await fn(pages);
  } finally {
    await Promise.all(pages.map((page) => page.close()));
  }
}

/** W1: evaluates one after the other; the n-th returns n. */
function sequential(connection, { count }) {
  return withPages(connection, 1, async ([{ session }]) => {
    const timer = startTimer();
    for (let i = 0; i < count; i++) {
      const { result } = await session.send('Runtime.evaluate', { expression: String(i) });
      expectEqual(result.value, i, 'W1 evaluate', i);
    }
    return timer.stop(count);
  });
}

/** W2: all evaluates sent at once, then all awaited. */
function pipelined(connection, { count }) {
  return withPages(connection, 1, async ([{ session }]) => {
    const timer = startTimer();
    const calls = [];
    for (let i = 0; i < count; i++) calls.push(session.send('Runtime.evaluate', { expression: String(i) }));
    const replies = await Promise.all(calls);
    const measured = timer.stop(count);
    for (const [i, { result }] of replies.entries()) expectEqual(result.value, i, 'W2 evaluate', i);
    return measured;
  });
}

/** W3: one evaluate logs 0..count-1; timed until the last console event and the reply. */
function consoleEvents(connection, { count }) {
  return withPages(connection, 1, async ([{ session }]) => {
    await session.send('Runtime.enable');
    const events = collectInOrder(session, 'Runtime.consoleAPICalled', count, (params) => params.args[0]?.value, 'W3');
    const timer = startTimer();
    const expression = `for (let i = 0; i < ${count}; i++) console.log(i)`;
    await Promise.all([events, session.send('Runtime.evaluate', { expression })]);
    return timer.stop(count);
  });
}

/** W4: one `returnByValue` string of `bytes` characters. */
function bigResult(connection, { bytes }) {
  return withPages(connection, 1, async ([{ session }]) => {
    const timer = startTimer();
    const { result } = await session.send('Runtime.evaluate', { expression: `'x'.repeat(${bytes})`, returnByValue: true });
    const measured = timer.stop(1);
    expectEqual(typeof result.value === 'string' ? result.value.length : result.value, bytes, 'W4 result length');
    return measured;
  });
}

/**
 * W5: `pages` pages, each evaluating `count` times in sequence, all pages at once. Each page
 * has its own tag, so an answer that came back on the wrong session is caught.
 */
function manyPages(connection, { pages: pageCount, count }) {
  return withPages(connection, pageCount, async (pages) => {
    for (const [k, { session }] of pages.entries()) {
      await session.send('Runtime.evaluate', { expression: `globalThis.benchTag = 'page-${k}'` });
    }
    const timer = startTimer();
    await Promise.all(
      pages.map(async ({ session }, k) => {
        const label = `W5 page ${k} evaluate`;
        for (let j = 0; j < count; j++) {
          const { result } = await session.send('Runtime.evaluate', { expression: `benchTag + ':${j}'` });
          expectEqual(result.value, `page-${k}:${j}`, label, j);
        }
      }),
    );
    return timer.stop(pageCount * count);
  });
}

module.exports = { sequential, pipelined, consoleEvents, bigResult, manyPages };
