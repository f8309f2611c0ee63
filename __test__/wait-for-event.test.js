'use strict';
// session.waitForEvent(): the next event of a name, typed params, bounded by a timeout, a
// signal and the session's life; against a real Chromium on both transports.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { AbortError, TargetClosedError, TimeoutError, connect } = require('..');
const { TRANSPORTS, rejectionOf, settledWithin, suiteBrowser } = require('./helpers');

/** Logs `values` in the page, one console.log each, after `delayMs`. */
function logLater(session, values, delayMs = 0) {
  const calls = values.map((v) => `console.log(${JSON.stringify(v)})`).join(';');
  return session.send('Runtime.evaluate', { expression: `setTimeout(() => { ${calls} }, ${delayMs})` });
}

/** Collects the process warnings emitted while `fn` runs, and one macrotask after. */
async function warningsDuring(fn) {
  const warnings = [];
  const onWarning = (warning) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

for (const transport of TRANSPORTS) {
  describe(`waitForEvent over ${transport}`, () => {
    const state = suiteBrowser({ transport });

    test('resolves with the params of the next event of that name', async () => {
      const page = await state.browser.newPage();
      await page.send('Runtime.enable');
      const next = page.waitForEvent('Runtime.consoleAPICalled');
      await logLater(page, ['first', 'second']);
      const params = await next;
      assert.equal(params.type, 'log');
      assert.equal(params.args[0].value, 'first');
      assert.equal(page.listenerCount('Runtime.consoleAPICalled'), 0, 'the wait unsubscribes once settled');
      await page.detach();
    });

    test('predicate: the first event it accepts; waits are served in the order they were made', async () => {
      const page = await state.browser.newPage();
      await page.send('Runtime.enable');
      const third = page.waitForEvent('Runtime.consoleAPICalled', { predicate: ({ args }) => args[0].value === 'c' });
      const any = page.waitForEvent('Runtime.consoleAPICalled');
      assert.equal(page.listenerCount('Runtime.consoleAPICalled'), 1, 'one listener serves every wait for a name');
      await logLater(page, ['a', 'b', 'c']);
      assert.equal((await third).args[0].value, 'c');
      assert.equal((await any).args[0].value, 'a');
      await page.detach();
    });

    test('a predicate that throws rejects the wait with its error; one that returns a promise is a TypeError', async () => {
      const page = await state.browser.newPage();
      await page.send('Runtime.enable');
      const boom = new Error('predicate failed');
      const throwing = page.waitForEvent('Runtime.consoleAPICalled', {
        predicate: () => {
          throw boom;
        },
      });
      const asyncPredicate = page.waitForEvent('Runtime.consoleAPICalled', { predicate: async () => true });
      await logLater(page, ['x']);
      assert.equal(await rejectionOf(throwing), boom);
      const error = await rejectionOf(asyncPredicate);
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /Runtime\.consoleAPICalled.*synchronously/);
      await page.detach();
    });

    test('timeout: a TimeoutError naming the event, with the caller in its stack; nothing stays subscribed', async () => {
      const page = await state.browser.newPage();
      const error = await rejectionOf(page.waitForEvent('Page.frameNavigated', { timeout: 50 }));
      assert.ok(error instanceof TimeoutError, error.stack);
      assert.equal(error.method, 'Page.frameNavigated');
      assert.equal(error.timeout, 50);
      assert.match(error.message, /waiting for Page\.frameNavigated timed out after 50 ms/);
      assert.match(error.stack, /wait-for-event\.test\.js/);
      assert.equal(page.listenerCount('Page.frameNavigated'), 0);
      assert.equal(page.listenerCount('detached'), 0);
      await page.detach();
    });

    test('signal: an AbortError naming the event, also when already aborted; AbortSignal.timeout() is a TimeoutError', async () => {
      const page = await state.browser.newPage();
      const controller = new AbortController();
      const waiting = page.waitForEvent('Page.frameNavigated', { signal: controller.signal });
      controller.abort(new Error('changed my mind'));
      const aborted = await rejectionOf(waiting);
      assert.ok(aborted instanceof AbortError);
      assert.equal(aborted.name, 'AbortError');
      assert.equal(aborted.method, 'Page.frameNavigated');
      assert.match(aborted.message, /Page\.frameNavigated was aborted: changed my mind/);

      const already = await rejectionOf(page.waitForEvent('Page.frameNavigated', { signal: controller.signal }));
      assert.ok(already instanceof AbortError);

      const timedOut = await rejectionOf(page.waitForEvent('Page.frameNavigated', { signal: AbortSignal.timeout(30) }));
      assert.ok(timedOut instanceof TimeoutError, timedOut.stack);
      assert.equal(timedOut.method, 'Page.frameNavigated');
      assert.equal(page.listenerCount('Page.frameNavigated'), 0);
      await page.detach();
    });

    test('the session ending first rejects with a TargetClosedError naming the event and why', async () => {
      const page = await state.browser.newPage();
      // Handled from the start: it rejects while the close below is awaited.
      const waiting = rejectionOf(page.waitForEvent('Page.frameNavigated'));
      const end = page.waitForEvent('detached');
      await state.browser.newBrowserCDPSession().then((b) => b.send('Target.closeTarget', { targetId: page.targetId }));
      const error = await waiting;
      assert.ok(error instanceof TargetClosedError, error.stack);
      assert.equal(error.method, 'Page.frameNavigated');
      assert.match(error.message, /Page\.frameNavigated.*ended/);
      const ended = await end;
      assert.ok(error.message.includes(ended.reason), `${error.message} names ${ended.reason}`);
      assert.equal(error.code, 'target-closed');
      assert.equal(ended.code, 'target-closed');

      // Once ended: rejects at once, with the same code, and waiting for the end itself resolves.
      const late = await rejectionOf(page.waitForEvent('Page.frameNavigated'));
      assert.ok(late instanceof TargetClosedError);
      assert.equal(late.code, 'target-closed');
      assert.deepEqual(await page.waitForEvent('detached'), ended);
    });

    test('detach() while waiting rejects the wait', async () => {
      const page = await state.browser.newPage();
      const waiting = rejectionOf(page.waitForEvent('Page.loadEventFired'));
      await page.detach();
      const error = await waiting;
      assert.ok(error instanceof TargetClosedError);
      assert.match(error.message, /detach\(\) was called/);
      assert.equal(error.code, 'detach');
    });

    test('bad arguments reject with a TypeError naming what was wrong, and subscribe nothing', async () => {
      const page = await state.browser.newPage();
      const cases = [
        [[''], /name must be an event name/],
        [[42], /name must be an event name/],
        [['Page.loadEventFired', 'fast'], /options must be a plain object/],
        [['Page.loadEventFired', { predicate: true }], /options\.predicate must be a function/],
        [['Page.loadEventFired', { timeout: -1 }], /options\.timeout must be a number/],
        [['Page.loadEventFired', { timeout: 2 ** 31 }], /options\.timeout must be a number/],
        [['Page.loadEventFired', { signal: {} }], /options\.signal must be an AbortSignal/],
        [['Page.loadEventFired', { timout: 5 }], /unknown option "timout"/],
      ];
      for (const [args, message] of cases) {
        let returned;
        assert.doesNotThrow(() => {
          returned = page.waitForEvent(...args);
        });
        const error = await rejectionOf(returned);
        assert.ok(error instanceof TypeError, `${JSON.stringify(args)}: ${error}`);
        assert.match(error.message, message);
      }
      assert.deepEqual(page.eventNames(), []);
      await page.detach();
    });

    test('a hundred waits sharing one signal print no MaxListenersExceededWarning and all resolve', async () => {
      const page = await state.browser.newPage();
      await page.send('Runtime.enable');
      const controller = new AbortController();
      const warnings = await warningsDuring(async () => {
        const waits = Array.from({ length: 100 }, () => page.waitForEvent('Runtime.consoleAPICalled', { signal: controller.signal }));
        await logLater(page, ['all']);
        const all = await Promise.all(waits);
        assert.ok(all.every((params) => params.args[0].value === 'all'));
      });
      assert.deepEqual(warnings.map(String), []);
      await page.detach();
    });
  });
}

describe('waitForEvent defaults', () => {
  const state = suiteBrowser({ transport: 'websocket' });
  // A second connection with a short protocolTimeout; long enough for its two setup commands
  // on a busy machine, which is all it sends.
  const PROTOCOL_TIMEOUT = 2000;

  /** A browser session on a connection whose protocolTimeout is PROTOCOL_TIMEOUT. */
  async function shortTimeoutSession(t) {
    const browser = await connect({ endpoint: state.browser.wsEndpoint, protocolTimeout: PROTOCOL_TIMEOUT });
    t.after(() => browser.disconnect());
    return browser.newBrowserCDPSession();
  }

  test("the default timeout is the connection's protocolTimeout", async (t) => {
    const session = await shortTimeoutSession(t);
    const error = await rejectionOf(session.waitForEvent('Target.targetCrashed'));
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.timeout, PROTOCOL_TIMEOUT);
  });

  test('timeout 0 waits with no limit', async (t) => {
    const session = await shortTimeoutSession(t);
    const waiting = session.waitForEvent('Target.targetCrashed', { timeout: 0 });
    assert.equal(await settledWithin(waiting, PROTOCOL_TIMEOUT + 1000), 'pending', 'still waiting well past the protocolTimeout');
    await session.detach();
    assert.ok((await rejectionOf(waiting)) instanceof TargetClosedError);
  });
});
