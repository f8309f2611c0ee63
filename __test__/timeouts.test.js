'use strict';
// Per-call timeouts, the protocolTimeout default, timeout 0, and AbortSignal. On both
// transports, against a real Chromium.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { TimeoutError, AbortError, ProtocolError, TargetClosedError } = require('..');
const { NEVER, rejectionOf, settledWithin, sleep, suiteBrowser, TRANSPORTS } = require('./helpers');

for (const transport of TRANSPORTS) {
  describe(`timeouts and aborts over ${transport}`, () => {
    const state = suiteBrowser({ transport, protocolTimeout: 600 });
    let page;
    before(async () => {
      page = await state.browser.newPage();
    });

    async function assertUsable() {
      const { result } = await page.send('Runtime.evaluate', { expression: '20 + 22' }, { timeout: 5000 });
      assert.equal(result.value, 42);
    }

    test('{ timeout: 100 } rejects with TimeoutError after about 100 ms', async () => {
      const started = Date.now();
      const error = await rejectionOf(page.send('Runtime.evaluate', NEVER, { timeout: 100 }));
      const elapsed = Date.now() - started;
      assert.ok(error instanceof TimeoutError, `got ${error?.stack ?? error}`);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'TimeoutError');
      assert.equal(error.method, 'Runtime.evaluate');
      assert.equal(error.timeout, 100);
      assert.match(error.message, /Runtime\.evaluate/);
      assert.ok(elapsed >= 95, `rejected too early, after ${elapsed} ms`);
      // The call's timeout fired, not the protocolTimeout of 600: said by the error itself, so
      // that a busy machine's late timer cannot blur the two.
      assert.match(error.message, /the call's \{ timeout \}/);
      await assertUsable();
    });

    test("a timed-out call's stack shows the caller", async () => {
      async function callerThatTimesOut() {
        return page.send('Runtime.evaluate', NEVER, { timeout: 20 });
      }
      const error = await rejectionOf(callerThatTimesOut());
      assert.ok(error instanceof TimeoutError);
      assert.match(error.stack, /callerThatTimesOut/);
    });

    test('launch({ protocolTimeout }) applies when send() has no timeout', async () => {
      const started = Date.now();
      const error = await rejectionOf(page.send('Runtime.evaluate', NEVER));
      const elapsed = Date.now() - started;
      assert.ok(error instanceof TimeoutError, `got ${error?.stack ?? error}`);
      assert.equal(error.timeout, 600);
      assert.equal(error.method, 'Runtime.evaluate');
      assert.ok(elapsed >= 590, `rejected after ${elapsed} ms`);
      assert.match(error.message, /the protocolTimeout of launch\(\) or connect\(\)/);
      await assertUsable();
    });

    test('a per-call timeout overrides protocolTimeout upwards', async () => {
      const result = await page.send(
        'Runtime.evaluate',
        { expression: 'new Promise((r) => setTimeout(() => r("late"), 900))', awaitPromise: true },
        { timeout: 2000 },
      );
      assert.equal(result.result.value, 'late');
    });

    test('{ timeout: 0 } means no timeout', async () => {
      const call = page.send('Runtime.evaluate', NEVER, { timeout: 0 });
      const outcome = await settledWithin(call, 900);
      assert.equal(outcome, 'pending', `settled: ${JSON.stringify(outcome)}`);
      // It stays pending until the browser closes, which rejects it.
      call.catch(() => {});
      await assertUsable();
    });

    test('a late reply after a timeout is ignored and the next calls still match up', async () => {
      const error = await rejectionOf(
        page.send(
          'Runtime.evaluate',
          { expression: 'new Promise((r) => setTimeout(() => r("too late"), 150))', awaitPromise: true },
          { timeout: 50 },
        ),
      );
      assert.ok(error instanceof TimeoutError);
      const warnings = [];
      const onWarning = (w) => warnings.push(w);
      process.on('warning', onWarning);
      try {
        await sleep(200);
      } finally {
        process.off('warning', onWarning);
      }
      // The late reply is expected, not a stray to warn about.
      assert.deepEqual(warnings.map(String), []);
      const results = await Promise.all([1, 2, 3].map((n) => page.send('Runtime.evaluate', { expression: `${n}` })));
      assert.deepEqual(
        results.map((r) => r.result.value),
        [1, 2, 3],
      );
    });

    test('AbortController.abort() while pending rejects with AbortError', async () => {
      const controller = new AbortController();
      const call = page.send('Runtime.evaluate', NEVER, { signal: controller.signal, timeout: 5000 });
      await sleep(50);
      assert.equal(await settledWithin(call, 0), 'pending');
      controller.abort();
      // At once: before any timer, however busy the machine.
      const outcome = await settledWithin(call, 0);
      assert.notEqual(outcome, 'pending', 'the abort did not reject the call at once');
      const { error } = outcome;
      assert.ok(error instanceof AbortError, `got ${error?.stack ?? error}`);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'AbortError');
      assert.equal(error.method, 'Runtime.evaluate');
      assert.match(error.message, /Runtime\.evaluate/);
      await assertUsable();
    });

    test('abort with a reason carries it as the cause', async () => {
      const controller = new AbortController();
      const call = page.send('Runtime.evaluate', NEVER, { signal: controller.signal });
      const why = new Error('user gave up');
      controller.abort(why);
      const error = await rejectionOf(call);
      assert.ok(error instanceof AbortError);
      assert.equal(error.cause, why);
      assert.match(error.message, /user gave up/);
    });

    test('AbortSignal.timeout() works as a signal, and is a TimeoutError', async () => {
      const error = await rejectionOf(page.send('Runtime.evaluate', NEVER, { signal: AbortSignal.timeout(50) }));
      assert.ok(error instanceof TimeoutError, `got ${error?.stack ?? error}`);
      assert.equal(error.method, 'Runtime.evaluate');
      await assertUsable();
    });

    test('an already-aborted signal rejects without sending', async () => {
      const controller = new AbortController();
      controller.abort();
      // A command with a visible effect: had it been sent, the page would show it.
      await page.send('Runtime.evaluate', { expression: 'window.sideEffect = 0' });
      const outcome = await settledWithin(
        page.send('Runtime.evaluate', { expression: 'window.sideEffect = 1' }, { signal: controller.signal }),
        0,
      );
      assert.notEqual(outcome, 'pending', 'an aborted signal did not reject at once');
      const { error } = outcome;
      assert.ok(error instanceof AbortError, `got ${error?.stack ?? error}`);
      assert.equal(error.name, 'AbortError');
      assert.equal(error.method, 'Runtime.evaluate');
      await sleep(50);
      const { result } = await page.send('Runtime.evaluate', { expression: 'window.sideEffect' });
      assert.equal(result.value, 0, 'the command was sent despite the aborted signal');
      await assertUsable();
    });

    test('an abort after the reply has no effect', async () => {
      const controller = new AbortController();
      const { result } = await page.send('Runtime.evaluate', { expression: '"done"' }, { signal: controller.signal });
      controller.abort();
      assert.equal(result.value, 'done');
      await assertUsable();
    });

    test('bad timeout or signal options reject with TypeError and send nothing', async () => {
      await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }, { timeout: -1 }), TypeError);
      await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }, { timeout: 'soon' }), TypeError);
      await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }, { signal: {} }), TypeError);
      await assertUsable();
    });

    test('errors other than these keep their own class', async () => {
      const error = await rejectionOf(page.send('Nope.method', {}, { timeout: 1000 }));
      assert.ok(error instanceof ProtocolError);
      assert.ok(!(error instanceof TimeoutError));
      assert.ok(!(error instanceof TargetClosedError));
    });
  });
}
