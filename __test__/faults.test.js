'use strict';
// Faults on the wire and bad calls, against a fake browser (a real WebSocket server) that can
// misbehave on cue: malformed JSON, binary frames, stray replies, abrupt TCP closes, close
// frames, oversized messages, error replies, bad send() arguments and oversized commands.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const vm = require('node:vm');
const { connect, ProtocolError, TimeoutError } = require('..');
const { startFakeServer, encodeFrame } = require('./fixtures/fake-cdp-server');
const { nextEvent, patient, sleep } = require('./helpers');
const { collectWarnings, expectClosedBy, record, watch, within } = require('./fixtures/fault-checks');

const MiB = 1024 * 1024;
/** Chromium's read limit on one incoming message (API.md). */
const OUTGOING_LIMIT = 104857600;

/** A fake browser, a Browser connected to it, and a page-level session S1 on target T1. */
async function setup(t, connectOptions = {}) {
  const server = await startFakeServer();
  t.after(() => server.close());
  const browser = await connect({ endpoint: server.url, ...connectOptions });
  t.after(() => browser.disconnect());
  const page = await browser.newCDPSession('T1');
  assert.equal(page.id, 'S1');
  assert.equal(page.targetId, 'T1');
  return { server, browser, page };
}

/** The rejection of `promise` (fails the test if it resolves). */
async function rejectionOf(promise) {
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error;
  }
}

/**
 * Starts pending calls on the browser session and the page session, waits until the fake
 * server has received all of them (it answers none), and returns `[method, promise]` pairs.
 */
async function pendingCalls(server, browser, page, count = 3) {
  server.onCommand = () => {};
  const calls = [];
  for (let i = 0; i < count; i++) {
    const method = `Pending.call${i}`;
    calls.push([method, page.send(method, { i })]);
  }
  calls.push(['Browser.getVersion', browser.version()]);
  const last = `Pending.call${count - 1}`;
  await server.waitForCommand(last);
  await server.waitForCommand('Browser.getVersion');
  // Nothing may settle before the fault.
  const early = await Promise.race([
    ...calls.map(([, p]) =>
      p.then(
        () => 'settled',
        () => 'settled',
      ),
    ),
    sleep(20).then(() => 'pending'),
  ]);
  assert.equal(early, 'pending', 'a call settled before the server misbehaved');
  return calls;
}

/** The checks of fixtures/fault-checks.js on the page session, within 2 s unless told. */
const expectClosed = (ctx, expected, budgetMs = 2000) => expectClosedBy(ctx, expected, budgetMs);

async function faultSetup(t, connectOptions) {
  const { server, browser, page } = await setup(t, connectOptions);
  const watched = watch(browser, [page]);
  const calls = await pendingCalls(server, browser, page);
  return { server, page, calls, ...watched };
}

describe('malformed messages from the browser', () => {
  test('a malformed JSON frame closes the connection with a reason quoting it', async (t) => {
    const ctx = await faultSetup(t);
    const bad = '{"id":1,"result":{"truncated"';
    ctx.server.sendRaw(bad);
    const reason = await expectClosed(ctx, { code: 'bad-message', reason: /not valid CDP JSON/ });
    assert.ok(reason.includes(bad), `the reason does not quote the bad JSON: ${reason}`);
  });

  test('messages before a malformed one in the same read are still delivered', async (t) => {
    const ctx = await faultSetup(t);
    const { server } = ctx;
    const first = server.received.find((m) => m.method === 'Pending.call0');
    const events = record(ctx.page, 'Fake.beforeTheBadOne');
    // One TCP write: a reply, an event, then garbage.
    server.sendFrames([
      { id: first.id, result: { ok: 'answered' }, sessionId: 'S1' },
      { method: 'Fake.beforeTheBadOne', params: { n: 1 }, sessionId: 'S1' },
      'not json at all',
    ]);
    const [, firstCall] = ctx.calls.shift();
    assert.deepEqual(await within(2000, firstCall, 'the answered call'), { ok: 'answered' });
    await expectClosed(ctx, { code: 'bad-message', reason: /not valid CDP JSON.*not json at all/ });
    assert.deepEqual(events, [{ n: 1 }]);
  });

  test('a message with neither id nor method closes the connection', async (t) => {
    const ctx = await faultSetup(t);
    ctx.server.sendRaw('{"params":{"x":1}}');
    await expectClosed(ctx, { code: 'bad-message', reason: /neither "id" nor "method"/ });
  });

  test('a text frame that is not valid UTF-8 closes the connection', async (t) => {
    const ctx = await faultSetup(t);
    ctx.server.socket._socket.write(encodeFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    await expectClosed(ctx, { code: 'bad-message', reason: /UTF-8/ });
  });

  test('a binary frame closes the connection with a reason naming the binary frame', async (t) => {
    const ctx = await faultSetup(t);
    ctx.server.sendBinary(Buffer.from('{"method":"A.b","params":{}}'));
    const reason = await expectClosed(ctx, { code: 'bad-message', reason: /binary/i });
    assert.match(reason, /28 bytes/);
  });
});

describe('stray messages', () => {
  test('a reply for an unknown id is reported as a CDPWarning and the session stays usable', async (t) => {
    const { server, browser, page } = await setup(t);
    const warnings = collectWarnings(t);
    const disconnects = record(browser, 'disconnected');
    server.sendJSON({ id: 4242, result: { stray: true } });
    server.sendJSON({ id: 4243, result: {}, sessionId: 'S1' });
    for (let i = 0; i < 100 && warnings.length < 2; i++) await sleep(10);
    assert.equal(warnings.length, 2, `expected 2 CDPWarnings, got ${warnings.length}`);
    assert.equal(warnings[0].code, 'CDP_UNROUTABLE_MESSAGE');
    assert.match(warnings[0].message, /id 4242/);
    assert.match(warnings[0].message, /"stray":true/);
    assert.match(warnings[1].message, /id 4243/);
    assert.equal(browser.connected, true);
    assert.deepEqual(await within(2000, page.send('Still.works', { a: 1 }), 'a later send'), {});
    assert.deepEqual(await within(2000, browser.version(), 'a later browser send'), {});
    assert.equal(disconnects.length, 0);
  });

  test('a message for an unknown session is reported as a CDPWarning', async (t) => {
    const { server, browser, page } = await setup(t);
    const warnings = collectWarnings(t);
    server.sendJSON({ method: 'Fake.event', params: {}, sessionId: 'NOPE' });
    for (let i = 0; i < 100 && warnings.length < 1; i++) await sleep(10);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /session NOPE/);
    assert.equal(browser.connected, true);
    assert.deepEqual(await within(2000, page.send('Still.works'), 'a later send'), {});
  });

  test('the late reply of a timed-out call is not a stray, but a second copy is', async (t) => {
    const { server, page } = await setup(t);
    const warnings = collectWarnings(t);
    server.onCommand = () => {};
    const error = await rejectionOf(page.send('Slow.call', {}, { timeout: 50 }));
    assert.ok(error instanceof TimeoutError, `got ${error}`);
    const { id } = await server.waitForCommand('Slow.call');
    server.sendJSON({ id, result: {}, sessionId: 'S1' });
    await sleep(100);
    assert.equal(warnings.length, 0, warnings.map((w) => w.message).join('\n'));
    server.sendJSON({ id, result: {}, sessionId: 'S1' });
    for (let i = 0; i < 100 && warnings.length < 1; i++) await sleep(10);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, new RegExp(`id ${id}\\b`));
  });
});

describe('the connection ends', () => {
  test('an abrupt TCP close rejects 5 pending sends promptly', async (t) => {
    const { server, browser, page } = await setup(t);
    const watched = watch(browser, [page]);
    const calls = await pendingCalls(server, browser, page, 4);
    assert.equal(calls.length, 5);
    const started = Date.now();
    server.destroy();
    const reason = await expectClosed({ calls, ...watched }, { code: 'connection-lost', reason: /without a close frame/ }, 1000);
    assert.ok(Date.now() - started < patient(1000), `took ${Date.now() - started} ms`);
    assert.ok(!reason.includes('undefined'), reason);
  });

  test('a TCP reset rejects pending sends promptly', async (t) => {
    const ctx = await faultSetup(t);
    ctx.server.reset();
    await expectClosed(ctx, { code: 'connection-lost', reason: /reset/i }, 1000);
  });

  test('a close frame with code 4001 names the code and reason', async (t) => {
    const ctx = await faultSetup(t);
    ctx.server.closeWith(4001, 'going away now');
    const reason = await expectClosed(ctx, { code: 'connection-lost', reason: /4001/ });
    assert.ok(reason.includes('going away now'), reason);
    // The close code is data too, on the event and on every rejected call.
    assert.equal(ctx.disconnects[0].closeCode, 4001);
    for (const [, call] of ctx.calls) assert.equal((await call.catch((e) => e)).closeCode, 4001);
  });

  test('a close after events delivers the events first', async (t) => {
    const { server, browser, page } = await setup(t);
    const order = [];
    page.on('Fake.last', (params) => order.push(`event ${params.n}`));
    browser.on('disconnected', ({ reason }) => order.push(`disconnected ${reason}`));
    server.sendFrames([
      { method: 'Fake.last', params: { n: 1 }, sessionId: 'S1' },
      { method: 'Fake.last', params: { n: 2 }, sessionId: 'S1' },
      { close: 4002, reason: 'done' },
    ]);
    await within(2000, nextEvent(page, 'detached'), 'detached');
    assert.equal(order.length, 3, order.join(' | '));
    assert.equal(order[0], 'event 1');
    assert.equal(order[1], 'event 2');
    assert.match(order[2], /^disconnected .*4002.*done/);
  });
});

describe('maxMessageSize', () => {
  test('a message over the cap closes the connection, naming its size and the cap', async (t) => {
    const ctx = await faultSetup(t, { maxMessageSize: 1024 });
    const prefix = '{"method":"Fake.big","params":{"s":"';
    const suffix = '"}}';
    const text = prefix + 'x'.repeat(4096 - prefix.length - suffix.length) + suffix;
    assert.equal(Buffer.byteLength(text), 4096);
    ctx.server.sendRaw(text);
    const reason = await expectClosed(ctx, { code: 'message-too-large', reason: /maxMessageSize/ });
    assert.match(reason, /\b4096\b/);
    assert.match(reason, /\b1024\b/);
  });

  test('a message exactly at the cap is delivered', async (t) => {
    const { server, browser, page } = await setup(t, { maxMessageSize: 1024 });
    const prefix = '{"method":"Fake.atCap","params":{"s":"';
    const suffix = '"},"sessionId":"S1"}';
    const text = prefix + 'y'.repeat(1024 - prefix.length - suffix.length) + suffix;
    assert.equal(Buffer.byteLength(text), 1024);
    const event = nextEvent(page, 'Fake.atCap', 2000);
    server.sendRaw(text);
    const params = await event;
    assert.equal(params.s.length, 1024 - prefix.length - suffix.length);
    assert.equal(browser.connected, true);
  });
});

describe('error replies', () => {
  test('an error reply rejects with a ProtocolError carrying method, code, data, originalMessage', async (t) => {
    const { server, browser, page } = await setup(t);
    server.onCommand = (msg, socket) => {
      if (msg.method === 'Foo.bar') {
        server.replyError(msg, { code: -32601, message: "'Foo.bar' wasn't found", data: 'extra detail' }, socket);
      } else if (msg.method === 'Browser.getVersion') {
        server.replyError(msg, { code: -32000, message: 'Not allowed' }, socket);
      } else {
        server.defaultHandler(msg, socket);
      }
    };
    async function myCallingFunction() {
      return page.send('Foo.bar', { x: 1 });
    }
    const error = await rejectionOf(myCallingFunction());
    assert.ok(error instanceof ProtocolError, `got ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ProtocolError');
    assert.equal(error.method, 'Foo.bar');
    assert.equal(error.code, -32601);
    assert.equal(error.data, 'extra detail');
    assert.equal(error.originalMessage, "'Foo.bar' wasn't found");
    assert.ok(error.message.includes('Foo.bar'), error.message);
    assert.ok(error.message.includes("wasn't found"), error.message);
    assert.match(error.stack, /myCallingFunction/);

    const browserError = await rejectionOf(browser.version());
    assert.ok(browserError instanceof ProtocolError, `got ${browserError}`);
    assert.equal(browserError.method, 'Browser.getVersion');
    assert.equal(browserError.code, -32000);
    assert.equal(browserError.data, undefined);
    assert.equal(browserError.originalMessage, 'Not allowed');
    assert.ok(browserError.message.includes('Browser.getVersion'), browserError.message);

    assert.deepEqual(await page.send('Other.call'), {});
    assert.equal(browser.connected, true);
  });
});

describe('bad send() arguments', () => {
  test('each bad argument rejects with a TypeError naming it, sends nothing, and the session stays usable', async (t) => {
    const { server, browser, page } = await setup(t);
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    const cases = [
      ['an empty method', () => page.send(''), /method/],
      ['a numeric method', () => page.send(42), /method/],
      ['an undefined method', () => page.send(), /method/],
      ['params as an array', () => page.send('Runtime.evaluate', [1, 2]), /params/],
      ['params as null', () => page.send('Runtime.evaluate', null), /params/],
      ['params as a string', () => page.send('Runtime.evaluate', 'x'), /params/],
      ['params as a Map', () => page.send('Runtime.evaluate', new Map()), /params/],
      ['params with a BigInt', () => page.send('Runtime.evaluate', { n: 10n }), /params.*BigInt/i],
      ['params with a cycle', () => page.send('Runtime.evaluate', cyclic), /params.*(circular|cycl)/i],
      ['a negative timeout', () => page.send('Runtime.evaluate', {}, { timeout: -1 }), /options\.timeout/],
      ['a NaN timeout', () => page.send('Runtime.evaluate', {}, { timeout: NaN }), /options\.timeout/],
      ['a string timeout', () => page.send('Runtime.evaluate', {}, { timeout: '5' }), /options\.timeout/],
      ['a signal that is not an AbortSignal', () => page.send('Runtime.evaluate', {}, { signal: { aborted: false } }), /options\.signal/],
      ['options that are not an object', () => page.send('Runtime.evaluate', {}, 5), /options/],
    ];
    const before = server.received.length;
    for (const [what, call, pattern] of cases) {
      let promise;
      assert.doesNotThrow(() => {
        promise = call();
      }, `${what}: send() threw synchronously`);
      assert.ok(promise instanceof Promise, `${what}: send() did not return a Promise`);
      const error = await rejectionOf(promise);
      assert.ok(error instanceof TypeError, `${what}: expected TypeError, got ${error}`);
      assert.match(error.message, pattern, `${what}: ${error.message}`);
    }
    // The session and the connection still work, and the only thing sent since is this call.
    assert.deepEqual(await within(2000, page.send('After.badArguments', { ok: true }), 'a later send'), {});
    const sent = server.received.slice(before);
    assert.deepEqual(
      sent.map((m) => m.method),
      ['After.badArguments'],
      `the server received ${JSON.stringify(sent.map((m) => m.method))}`,
    );
    assert.equal(sent[0].sessionId, 'S1');
    assert.equal(browser.connected, true);
  });

  test("params and options made in another realm (a vm context, Node's repl) are accepted", async (t) => {
    const { server, page } = await setup(t);
    const foreign = vm.runInNewContext(
      '({ params: { n: 1, nested: { s: "x" } }, options: { timeout: 5000, signal: new AbortController().signal } })',
      {
        AbortController,
      },
    );
    server.onCommand = (message) => server.reply(message, { echoed: message.params });
    const result = await within(2000, page.send('Foreign.realm', foreign.params, foreign.options), 'the call');
    assert.deepEqual(result, { echoed: { n: 1, nested: { s: 'x' } } });
  });

  test('bad arguments do not disturb a pending call', async (t) => {
    const { server, page } = await setup(t);
    server.onCommand = () => {};
    const pending = page.send('Pending.one');
    const { id } = await server.waitForCommand('Pending.one');
    for (const bad of [page.send('', {}), page.send('X.y', [1]), page.send('X.y', {}, { timeout: -5 })]) {
      const error = await within(1000, rejectionOf(bad), 'a bad call');
      assert.ok(error instanceof TypeError, `got ${error}`);
    }
    server.reply({ id, sessionId: 'S1' }, { answered: true });
    assert.deepEqual(await within(2000, pending, 'the pending call'), { answered: true });
  });
});

describe('outgoing messages over 100 MiB', () => {
  test('a command over the limit rejects with a RangeError and sends nothing', async (t) => {
    const { server, browser, page } = await setup(t);
    const before = server.received.length;
    const padding = 101 * MiB;
    const error = await rejectionOf(page.send('Runtime.evaluate', { expression: 'x'.repeat(padding) }));
    assert.ok(error instanceof RangeError, `got ${error}`);
    assert.match(error.message, /Runtime\.evaluate/);
    assert.ok(error.message.includes(String(OUTGOING_LIMIT)), error.message);
    const sizes = [...error.message.matchAll(/\b(\d{9,})\b/g)].map((m) => Number(m[1]));
    assert.ok(
      sizes.some((n) => n > padding && n < padding + 200),
      `the message does not name the size (about ${padding} bytes): ${error.message}`,
    );
    // Multi-byte text: fewer than 100 Mi characters, but more than 100 MiB of UTF-8.
    const multibyte = await rejectionOf(page.send('Runtime.evaluate', { expression: 'é'.repeat(51 * MiB) }));
    assert.ok(multibyte instanceof RangeError, `got ${multibyte}`);
    const multibyteSize = Number(/is (\d+) bytes/.exec(multibyte.message)?.[1]);
    // 2 bytes per character, plus the envelope.
    assert.ok(multibyteSize > 102 * MiB && multibyteSize < 102 * MiB + 200, multibyte.message);
    assert.deepEqual(await within(2000, page.send('After.tooLarge'), 'a later send'), {});
    assert.deepEqual(
      server.received.slice(before).map((m) => m.method),
      ['After.tooLarge'],
    );
    assert.equal(browser.connected, true);
  });

  test('a command of exactly 100 MiB is sent, one byte more is refused', async (t) => {
    const { server, page } = await setup(t);
    // Ids are shared by every call; the three calls below must have ids of equal length.
    const lastId = () => Math.max(...server.received.map((m) => m.id ?? 0));
    while (String(lastId() + 1).length !== String(lastId() + 3).length) await page.send('Skip.id');
    const probe = await rejectionOf(page.send('Big.call', { s: 'x'.repeat(101 * MiB) }));
    const probeSize = Number(/is (\d+) bytes/.exec(probe.message)?.[1]);
    assert.ok(probeSize > 101 * MiB, probe.message);
    const overhead = probeSize - 101 * MiB;

    const over = await rejectionOf(page.send('Big.call', { s: 'x'.repeat(OUTGOING_LIMIT + 1 - overhead) }));
    assert.ok(over instanceof RangeError, `got ${over}`);
    assert.ok(over.message.includes(`${OUTGOING_LIMIT + 1} bytes`), over.message);

    const before = server.received.length;
    const result = await within(10000, page.send('Big.call', { s: 'x'.repeat(OUTGOING_LIMIT - overhead) }), 'the 100 MiB send');
    assert.deepEqual(result, {});
    assert.equal(server.received.length, before + 1);
    assert.equal(server.receivedSizes.at(-1), OUTGOING_LIMIT);
    assert.equal(server.received.at(-1).params.s.length, OUTGOING_LIMIT - overhead);
    server.received.length = 0; // let the 100 MiB go
  });
});
