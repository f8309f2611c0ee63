'use strict';
// Options of launch(), connect() and send(), on both transports (the fake peers): a misspelt
// name is refused with the nearest known one; timeouts of 2^31 ms or more are refused and
// Infinity means none, the same everywhere; odd inputs (a Proxy that throws, a throwing
// getter, an AbortSignal look-alike) reject, never throw, and send nothing; one AbortSignal
// shared by many sends needs one listener; a TimeoutError says whose timeout fired.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { getEventListeners } = require('node:events');
const path = require('node:path');
const { launch, connect, TimeoutError, AbortError } = require('..');
const { TRANSPORTS, rejectionOf, settledWithin } = require('./helpers');
const { openFakePeer } = require('./fixtures/fake-peers');
const { startFakeServer } = require('./fixtures/fake-cdp-server');

/** Calls `fn`, failing if it throws synchronously; returns the promise it gave. */
function callWithoutThrowing(fn) {
  let promise;
  assert.doesNotThrow(() => {
    promise = fn();
  });
  assert.ok(promise instanceof Promise);
  return promise;
}

/** The commands the fake received after `before` of them, without the fake's own. */
async function sentSince(peer, before) {
  return (await peer.commands()).slice(before).filter((m) => !m.method?.startsWith('Fake.'));
}

const MAX_TIMER_MS = 2 ** 31 - 1;

describe('unknown option names are refused with the nearest known one', () => {
  test('launch()', async () => {
    const missing = path.join(__dirname, 'no-such-browser');
    for (const [options, wrong, nearest] of [
      [{ headles: false }, 'headles', 'headless'],
      [{ userDataDirectory: '/tmp/x' }, 'userDataDirectory', 'userDataDir'],
      [{ protocolTimout: 5 }, 'protocolTimout', 'protocolTimeout'],
      [{ handleSigint: false }, 'handleSigint', 'handleSIGINT'],
    ]) {
      const error = await rejectionOf(callWithoutThrowing(() => launch({ executablePath: missing, ...options })));
      assert.ok(error instanceof TypeError, `${wrong}: got ${error.stack}`);
      assert.ok(error.message.includes(`'${wrong}'`), error.message);
      assert.ok(error.message.includes(`'${nearest}'`), error.message);
    }
    const far = await rejectionOf(launch({ zzzzzzzzzzzz: 1 }));
    assert.ok(far instanceof TypeError);
    assert.match(far.message, /known options are .*executablePath/);
  });

  test('connect(): refused before anything is opened', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    const error = await rejectionOf(callWithoutThrowing(() => connect({ endpoint: server.httpUrl, protocolTimout: 1000 })));
    assert.ok(error instanceof TypeError, `got ${error.stack}`);
    assert.match(error.message, /'protocolTimout'.*'protocolTimeout'/);
    assert.equal(server.httpRequests.length + server.upgradeRequests.length, 0);
  });

  for (const transport of TRANSPORTS) {
    test(`send() (${transport}): refused, nothing sent, the session usable`, async (t) => {
      const peer = await openFakePeer(t, transport);
      const before = (await peer.commands()).length;
      const error = await rejectionOf(callWithoutThrowing(() => peer.page.send('Runtime.evaluate', { expression: '1' }, { timout: 100 })));
      assert.ok(error instanceof TypeError, `got ${error.stack}`);
      assert.match(error.message, /Runtime\.evaluate/);
      assert.match(error.message, /'timout'.*'timeout'/);
      assert.deepEqual(await sentSince(peer, before), []);
      assert.deepEqual(await peer.page.send('After.bad'), {});
    });
  }
});

describe('timeouts of 2^31 ms or more are refused, and Infinity means none, everywhere', () => {
  test('launch() and connect() refuse timeout and protocolTimeout of 2^31 ms or more, naming the limit', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    for (const name of ['timeout', 'protocolTimeout']) {
      for (const value of [MAX_TIMER_MS + 1, 2 ** 40, Number.MAX_VALUE, -1, Number.NaN, -Infinity]) {
        const launched = await rejectionOf(launch({ [name]: value, executablePath: '/nonexistent' }));
        assert.ok(launched instanceof TypeError, `launch ${name} ${value}: got ${launched.stack}`);
        assert.match(launched.message, new RegExp(`${name}.*2147483647`));
        const connected = await rejectionOf(connect({ endpoint: server.url, [name]: value }));
        assert.ok(connected instanceof TypeError, `connect ${name} ${value}: got ${connected.stack}`);
        assert.match(connected.message, new RegExp(`${name}.*2147483647`));
      }
    }
    assert.equal(server.upgradeRequests.length, 0);
  });

  for (const transport of TRANSPORTS) {
    test(`protocolTimeout: Infinity and send({ timeout: Infinity }) wait; send({ timeout: 2^31 }) is refused (${transport})`, async (t) => {
      const peer = await openFakePeer(t, transport, { protocolTimeout: Infinity, timeout: Infinity });
      // Overflowed, either would fire after 1 ms.
      const byDefault = peer.page.send('Pending.byDefault');
      const byCall = peer.page.send('Pending.byCall', {}, { timeout: Infinity });
      const edge = peer.page.send('Pending.edge', {}, { timeout: MAX_TIMER_MS });
      for (const call of [byDefault, byCall, edge]) call.catch(() => {});
      assert.equal(await settledWithin(Promise.race([byDefault, byCall, edge]), 500), 'pending');
      const before = (await peer.commands()).length;
      const error = await rejectionOf(peer.page.send('Runtime.evaluate', {}, { timeout: MAX_TIMER_MS + 1 }));
      assert.ok(error instanceof TypeError, `got ${error.stack}`);
      assert.match(error.message, /2147483647/);
      assert.deepEqual(await sentSince(peer, before), []);
    });
  }
});

for (const transport of TRANSPORTS) {
  describe(`odd inputs reject, never throw, and send nothing (${transport})`, () => {
    test('a Proxy whose getPrototypeOf throws, as params or as options', async (t) => {
      const peer = await openFakePeer(t, transport);
      const hostile = new Proxy(
        {},
        {
          getPrototypeOf() {
            throw new Error('trap!');
          },
        },
      );
      const before = (await peer.commands()).length;
      for (const args of [[hostile], [{}, hostile]]) {
        const error = await rejectionOf(callWithoutThrowing(() => peer.page.send('Runtime.evaluate', ...args)));
        assert.ok(error instanceof TypeError, `got ${error.stack}`);
        assert.match(error.message, /Runtime\.evaluate/);
      }
      assert.deepEqual(await sentSince(peer, before), []);
      assert.deepEqual(await peer.page.send('After.odd'), {});
    });

    test('an options getter that throws; a signal whose aborted getter throws; a look-alike signal', async (t) => {
      const peer = await openFakePeer(t, transport);
      const throwingTimeout = {
        get timeout() {
          throw new Error('getter!');
        },
      };
      const realButHostile = new AbortController().signal;
      Object.defineProperty(realButHostile, 'aborted', {
        get() {
          throw new Error('aborted getter!');
        },
      });
      const lookAlike = { aborted: false, reason: undefined, [Symbol.toStringTag]: 'AbortSignal' };
      const throwingLookAlike = {
        get aborted() {
          throw new Error('aborted getter!');
        },
        [Symbol.toStringTag]: 'AbortSignal',
      };
      const before = (await peer.commands()).length;
      for (const [options, rejected] of [
        [throwingTimeout, true],
        [{ signal: lookAlike }, true],
        [{ signal: throwingLookAlike }, true],
        // A real AbortSignal is used as one whatever its own properties say.
        [{ signal: realButHostile }, false],
      ]) {
        const promise = callWithoutThrowing(() => peer.page.send('Pending.odd', {}, options));
        if (rejected) {
          const error = await rejectionOf(promise);
          assert.ok(error instanceof TypeError, `got ${error.stack}`);
          assert.match(error.message, /Pending\.odd/);
          assert.doesNotMatch(error.message, /is not a function/);
        } else {
          promise.catch(() => {});
          assert.equal(await settledWithin(promise, 200), 'pending');
        }
      }
      assert.deepEqual(
        (await sentSince(peer, before)).map((m) => m.method),
        ['Pending.odd'],
        'only the call with the real signal was sent',
      );
      assert.deepEqual(await peer.page.send('After.odd'), {});
    });

    test('params whose toJSON() gives a string are refused before sending', async (t) => {
      const peer = await openFakePeer(t, transport);
      const before = (await peer.commands()).length;
      const error = await rejectionOf(peer.page.send('Runtime.evaluate', { toJSON: () => 'a string' }));
      assert.ok(error instanceof TypeError, `got ${error.stack}`);
      assert.match(error.message, /Runtime\.evaluate.*JSON object/);
      assert.deepEqual(await sentSince(peer, before), []);
      // A toJSON() that gives an object is fine.
      assert.deepEqual(await peer.page.send('Any.thing', { toJSON: () => ({ a: 1 }) }), {});
    });
  });

  describe(`one AbortSignal shared by many sends (${transport})`, () => {
    test('no MaxListenersExceededWarning; one listener; abort rejects them all; none left after', async (t) => {
      const peer = await openFakePeer(t, transport);
      const warnings = [];
      const onWarning = (warning) => warnings.push(warning);
      process.on('warning', onWarning);
      t.after(() => process.off('warning', onWarning));
      const controller = new AbortController();
      const pending = Array.from({ length: 50 }, (_, i) => peer.page.send(`Pending.shared${i}`, {}, { signal: controller.signal }));
      const answered = await Promise.all(
        Array.from({ length: 50 }, (_, i) => peer.page.send(`Answered.shared${i}`, {}, { signal: controller.signal })),
      );
      assert.equal(answered.length, 50);
      assert.ok(
        getEventListeners(controller.signal, 'abort').length <= 1,
        `${getEventListeners(controller.signal, 'abort').length} listeners`,
      );
      controller.abort();
      const outcomes = await Promise.allSettled(pending);
      assert.deepEqual([...new Set(outcomes.map((o) => o.reason?.name))], ['AbortError']);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings.map(String), []);
      // Calls that settle take their listener with them.
      const other = new AbortController();
      await Promise.all(Array.from({ length: 20 }, () => peer.page.send('Answered.again', {}, { signal: other.signal })));
      assert.equal(getEventListeners(other.signal, 'abort').length, 0);
    });
  });

  describe(`a TimeoutError says whose timeout fired (${transport})`, () => {
    test("the call's { timeout }, the protocolTimeout, or an AbortSignal.timeout()", async (t) => {
      const peer = await openFakePeer(t, transport, { protocolTimeout: 300 });
      const byCall = await rejectionOf(peer.page.send('Pending.a', {}, { timeout: 100 }));
      assert.ok(byCall instanceof TimeoutError);
      assert.equal(byCall.timeout, 100);
      assert.match(byCall.message, /the call's \{ timeout \}/);
      assert.doesNotMatch(byCall.message, /protocolTimeout/);
      const byDefault = await rejectionOf(peer.page.send('Pending.b'));
      assert.ok(byDefault instanceof TimeoutError);
      assert.equal(byDefault.timeout, 300);
      assert.match(byDefault.message, /the protocolTimeout of launch\(\) or connect\(\)/);
      for (const signal of [AbortSignal.timeout(50), AbortSignal.timeout(0)]) {
        // The second has fired before the call: it rejects without sending.
        if (signal.aborted === false) await new Promise((resolve) => setTimeout(resolve, 0));
        const bySignal = await rejectionOf(peer.page.send('Pending.c', {}, { signal }));
        assert.ok(bySignal instanceof TimeoutError, `got ${bySignal.stack}`);
        assert.ok(!(bySignal instanceof AbortError));
        assert.equal(bySignal.method, 'Pending.c');
        assert.match(bySignal.message, /AbortSignal\.timeout\(\)/);
      }
    });
  });
}
