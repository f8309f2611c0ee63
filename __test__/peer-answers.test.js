'use strict';
// What the peer answers that is not a plain reply or event, on both transports: Chromium's
// error without an id (params nested deeper than it reads, a command it cannot read), replies
// that name no session (a method name it cannot read), sends racing a page close, Target
// events without their params, and a message over V8's longest string. None of them may close
// the connection, hang a call until protocolTimeout, crash the process or warn for nothing.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { connect, launch, ProtocolError, TargetClosedError } = require('..');
const { TRANSPORTS, rejectionOf, settledWithin, sleep, suiteBrowser } = require('./helpers');
const { openFakePeer } = require('./fixtures/fake-peers');
const { startFakeServer, encodeFrame } = require('./fixtures/fake-cdp-server');
const { MAX_OUTGOING_DEPTH } = require('../lib/wire');

/** How long a call Chromium answers at once may take on a busy machine: far below protocolTimeout. */
const ANSWERED_WITHIN_MS = 20000;

/** Collects the CDPWarnings emitted until the test ends. */
function collectWarnings(t) {
  const warnings = [];
  const onWarning = (warning) => {
    if (warning.name === 'CDPWarning') warnings.push(warning);
  };
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  return warnings;
}

/** An array nested `levels` deep: `[[…]]`. */
function nested(levels) {
  let value = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

for (const transport of TRANSPORTS) {
  describe(`Chromium's answers over ${transport}`, () => {
    const state = suiteBrowser({ transport });

    test(`params nested past Chromium's limit are refused before sending, naming it; ${MAX_OUTGOING_DEPTH - 1} levels are sent and answered`, async (t) => {
      const warnings = collectWarnings(t);
      const page = await state.browser.newPage();
      const other = await state.browser.newPage();
      const pending = other.send('Runtime.evaluate', { expression: 'new Promise((r) => setTimeout(() => r(7), 300))', awaitPromise: true });
      // The params object is level 1, `extra` level 2: 299 arrays make 300 levels.
      const atLimit = { expression: '1', returnByValue: true, extra: nested(MAX_OUTGOING_DEPTH - 2) };
      const { result } = await page.send('Runtime.evaluate', atLimit);
      assert.equal(result.value, 1);
      const tooDeep = { expression: '1', extra: nested(MAX_OUTGOING_DEPTH - 1) };
      const error = await rejectionOf(page.send('Runtime.evaluate', tooDeep));
      assert.ok(error instanceof RangeError, `got ${error.stack}`);
      assert.match(error.message, /Runtime\.evaluate/);
      assert.match(error.message, new RegExp(`${MAX_OUTGOING_DEPTH - 1} levels`));
      // A deep object inside a long string is no nesting at all.
      const inString = await page.send('Runtime.evaluate', {
        expression: `${JSON.stringify(JSON.stringify(nested(1000)))}.length`,
        returnByValue: true,
      });
      assert.equal(inString.result.value, 2000);
      assert.equal((await pending).result.value, 7);
      assert.equal(state.browser.connected, true);
      assert.deepEqual(warnings.map(String), []);
      await page.send('Page.close');
      await other.send('Page.close');
    });

    test('a method name Chromium cannot read (non-ASCII, a lone surrogate) is answered at once, not after protocolTimeout', async (t) => {
      const warnings = collectWarnings(t);
      const page = await state.browser.newPage();
      for (const method of ['Runtime.évaluer', 'Runtime.\ud800', 'Ünknown.thing']) {
        const outcome = await settledWithin(page.send(method, {}), ANSWERED_WITHIN_MS);
        assert.ok(
          outcome.error instanceof ProtocolError,
          `${JSON.stringify(method)}: ${outcome === 'pending' ? 'still pending' : (outcome.error?.stack ?? 'resolved')}`,
        );
        assert.equal(outcome.error.method, method);
      }
      assert.deepEqual(warnings.map(String), [], 'the answers were taken for strays');
      assert.equal((await page.send('Runtime.evaluate', { expression: '3', returnByValue: true })).result.value, 3);
      await page.send('Page.close');
    });

    test('sends racing a page close reject, with no CDPWarning', async (t) => {
      const warnings = collectWarnings(t);
      for (let round = 0; round < 3; round++) {
        const page = await state.browser.newPage();
        const closing = page.send('Page.close');
        const racing = Array.from({ length: 50 }, (_, i) => page.send('Runtime.evaluate', { expression: `${i}` }));
        await closing.catch(() => {});
        const outcomes = await Promise.allSettled(racing);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            assert.ok(outcome.reason instanceof ProtocolError || outcome.reason instanceof TargetClosedError, outcome.reason.stack);
          }
        }
      }
      // Late answers, if any, have had time to come.
      await sleep(500);
      assert.deepEqual(
        warnings.map((w) => w.message),
        [],
      );
      assert.equal(state.browser.connected, true);
    });
  });

  describe(`a peer's odd messages over ${transport} (fake peer)`, () => {
    test('an error without an id is a CDPWarning; the connection and the pending calls go on', async (t) => {
      const peer = await openFakePeer(t, transport);
      const warnings = collectWarnings(t);
      const disconnects = [];
      peer.browser.on('disconnected', (info) => disconnects.push(info));
      const pending = peer.page.send('Pending.meanwhile');
      pending.catch(() => {});
      await peer.write([JSON.stringify({ error: { code: -32700, message: 'JSON: stack limit exceeded at position 371' } })]);
      for (let i = 0; i < 200 && warnings.length === 0; i++) await sleep(10);
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].code, 'CDP_ERROR_WITHOUT_ID');
      assert.match(warnings[0].message, /stack limit exceeded/);
      assert.equal(peer.browser.connected, true);
      assert.deepEqual(disconnects, []);
      assert.equal(await settledWithin(pending, 100), 'pending');
      assert.deepEqual(await peer.page.send('Still.works'), {});
    });

    test('Target.attachedToTarget, detachedFromTarget and targetCrashed without their params: warned, never a crash', async (t) => {
      const peer = await openFakePeer(t, transport);
      const warnings = collectWarnings(t);
      const seen = [];
      for (const method of ['Target.attachedToTarget', 'Target.detachedFromTarget', 'Target.targetCrashed']) {
        peer.browser.on(method, (params) => seen.push({ method, params }));
      }
      const odd = [];
      for (const method of ['Target.attachedToTarget', 'Target.detachedFromTarget', 'Target.targetCrashed']) {
        odd.push(
          { method },
          { method, params: null },
          { method, params: 'x' },
          { method, params: {} },
          { method, params: { sessionId: 5, targetId: [] } },
        );
        // The same on the page's session, as an auto-attach would send it.
        odd.push({ method, sessionId: 'S1' });
      }
      await peer.write(odd.map((m) => JSON.stringify(m)));
      for (let i = 0; i < 300 && warnings.length < odd.length; i++) await sleep(10);
      assert.equal(warnings.length, odd.length, warnings.map((w) => w.message).join('\n'));
      assert.ok(warnings.every((w) => w.code === 'CDP_MALFORMED_EVENT'));
      // The browser session's own ones were still emitted, as they came.
      assert.equal(seen.length, 15);
      assert.equal(peer.browser.connected, true);
      assert.deepEqual(await peer.page.send('Still.works'), {});
    });
  });
}

describe("V8's longest string", () => {
  const LIMIT = require('node:buffer').constants.MAX_STRING_LENGTH;

  test('a maxMessageSize above it is refused by launch() and connect(), naming it', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    for (const open of [(o) => launch({ executablePath: '/nonexistent', ...o }), (o) => connect({ endpoint: server.url, ...o })]) {
      const error = await rejectionOf(open({ maxMessageSize: LIMIT + 1 }));
      assert.ok(error instanceof RangeError, `got ${error.stack}`);
      assert.match(error.message, new RegExp(`maxMessageSize.*${LIMIT}`));
    }
    assert.equal(server.upgradeRequests.length, 0);
  });

  test('a message of 512 MiB (the old default cap) closes the connection naming its size and the cap, without a crash', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    const browser = await connect(server.url);
    const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
    const size = 512 * 1024 * 1024;
    const head = '{"method":"Big.event","params":{"s":"';
    const tail = '"}}';
    const socket = server.socket._socket;
    // The frame header says how large it is; the payload follows as fast as it is read, and
    // stops once the client has hung up (which it may do on the header alone).
    const header = encodeFrame(0x1, Buffer.alloc(0)).subarray(0, 2);
    header[1] = 127;
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(size));
    socket.write(Buffer.concat([header, length, Buffer.from(head)]));
    const filler = Buffer.alloc(1024 * 1024, 0x61);
    let left = size - head.length - tail.length;
    const pump = () => {
      while (left > 0 && !socket.destroyed) {
        const part = left >= filler.length ? filler : filler.subarray(0, left);
        left -= part.length;
        if (!socket.write(part)) return socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.write(tail);
    };
    socket.on('error', () => {});
    pump();
    const info = await disconnected;
    assert.equal(info.code, 'message-too-large');
    assert.match(info.reason, new RegExp(`${size}`));
    assert.match(info.reason, new RegExp(`${LIMIT}`));
  });
});
