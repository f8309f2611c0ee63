'use strict';
// The connection's parts (router, inbox, outbox) on a fake transport: the ordering promise,
// the holding and pruning of sends, acknowledgements, the close path and adoption, in
// milliseconds and without a browser.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { fakeConnection, nextTurn } = require('./fixtures/fake-transport');
const { SendResult, transportCloseCodes } = require('../lib/wire');
const { codesWithoutSentence } = require('../lib/causes');
const { TargetClosedError, TimeoutError } = require('..');
const { BURST_MESSAGES } = require('../lib/outbox');

/** Records the browser session's events and the close, as a Browser would. */
function owned(connection) {
  const seen = { events: [], closes: [] };
  connection.setOwner({
    onEvent: (method, params) => seen.events.push({ method, params }),
    onClose: (ended) => seen.closes.push(ended),
  });
  return seen;
}

describe('ordering', () => {
  test('the code awaiting a reply runs before the next message of the same delivery', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const seen = owned(connection);
    const order = [];
    const call = connection.sendToBrowser('A.first').then(async () => {
      order.push(`awaited (${seen.events.length} events so far)`);
      await null;
      order.push('microtask after');
    });
    await nextTurn();
    const { id } = transport.sent[0];
    transport.deliver({ id, result: {} }, { method: 'A.event', params: {} });
    await call;
    await nextTurn();
    assert.deepEqual(order, ['awaited (0 events so far)', 'microtask after']);
    assert.equal(seen.events.length, 1);
  });

  test('a message that arrives while a reply is dispatched waits for the code awaiting the reply', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const order = [];
    connection.setOwner({
      onEvent: (method) => {
        order.push(method);
        // Arrives from the transport's thread while this delivery is being dispatched.
        if (method === 'A.trigger') transport.deliver({ method: 'A.late', params: {} });
      },
      onClose() {},
    });
    const call = connection.sendToBrowser('A.ask').then(() => order.push('awaited'));
    await nextTurn();
    const { id } = transport.sent[0];
    transport.deliver({ method: 'A.trigger', params: {} }, { id, result: {} });
    await call;
    await nextTurn();
    assert.deepEqual(order, ['A.trigger', 'awaited', 'A.late']);
  });

  test('events of one delivery are dispatched in order, in the same turn', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const seen = owned(connection);
    transport.deliver({ method: 'A.one', params: {} }, { method: 'A.two', params: {} }, { method: 'A.three', params: {} });
    assert.deepEqual(
      seen.events.map((e) => e.method),
      ['A.one', 'A.two', 'A.three'],
    );
  });

  test("the callers' sends during a batch of replies leave together at its end", async (t) => {
    const { connection, transport } = fakeConnection(t);
    const calls = [1, 2, 3].map((n) => connection.sendToBrowser('A.ask', { n }).then(() => connection.sendToBrowser('A.follow', { n })));
    await nextTurn();
    assert.equal(transport.bursts.length, 1, 'a synchronous burst is one send');
    const ids = transport.sent.map((m) => m.id);
    transport.deliver(...ids.map((id) => ({ id, result: {} })));
    for (let i = 0; i < 4; i++) await nextTurn();
    // The last reply has nothing behind it, so its caller runs after the batch has ended and
    // its send leaves on its own, in the microtask after.
    assert.deepEqual(
      transport.bursts.slice(1).map((burst) => burst.map((m) => m.params.n)),
      [[1, 2], [3]],
    );
    const follow = transport.bursts
      .slice(1)
      .flat()
      .map((m) => ({ id: m.id, result: {} }));
    transport.deliver(...follow);
    await Promise.all(calls);
  });

  test(`held sends wait at most ${BURST_MESSAGES} replies, even if the batch goes on`, async (t) => {
    const { connection, transport } = fakeConnection(t);
    const count = BURST_MESSAGES * 2;
    const calls = [];
    for (let n = 0; n < count; n++) calls.push(connection.sendToBrowser('A.ask', { n }).then(() => connection.sendToBrowser('A.follow')));
    await nextTurn();
    const ids = transport.sent.map((m) => m.id);
    transport.deliver(...ids.map((id) => ({ id, result: {} })));
    while (transport.sent.filter((m) => m.method === 'A.follow').length < count) await nextTurn();
    const followBursts = transport.bursts.filter((burst) => burst[0].method === 'A.follow');
    assert.ok(followBursts.length >= 2, `${followBursts.length} bursts`);
    assert.ok(
      followBursts.every((burst) => burst.length <= BURST_MESSAGES),
      followBursts.map((b) => b.length),
    );
    transport.deliver(...followBursts.flat().map((m) => ({ id: m.id, result: {} })));
    await Promise.all(calls);
  });
});

describe('a flood of events', () => {
  test('a long run of dispatching gives the event loop its turns, in order', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const seen = [];
    connection.setOwner({
      onEvent: (_method, params) => {
        // A slow listener: 1 ms of work per event, 50 ms in all.
        const until = performance.now() + 1;
        while (performance.now() < until);
        seen.push(params.n);
      },
      onClose() {},
    });
    let dispatchedWhenImmediateRan;
    setImmediate(() => {
      dispatchedWhenImmediateRan = seen.length;
    });
    const events = Array.from({ length: 50 }, (_, n) => ({ method: 'A.flood', params: { n } }));
    transport.deliver(...events);
    while (seen.length < 50) await nextTurn();
    assert.ok(dispatchedWhenImmediateRan < 50, `the event loop waited for all ${dispatchedWhenImmediateRan} events`);
    assert.deepEqual(
      seen,
      events.map((e) => e.params.n),
    );
  });
});

describe('outgoing backpressure', () => {
  test('while the transport is full sends are held, and one that times out is never sent', async (t) => {
    const { connection, transport } = fakeConnection(t);
    transport.nextResult = SendResult.Full;
    const first = connection.sendToBrowser('A.first');
    await nextTurn();
    assert.equal(transport.bursts.length, 1);
    transport.nextResult = SendResult.Queued;
    const expiring = connection.sendToBrowser('A.expiring', undefined, { timeout: 5 });
    const kept = connection.sendToBrowser('A.kept');
    await nextTurn();
    assert.equal(transport.bursts.length, 1, 'held while full');
    const error = await expiring.catch((e) => e);
    assert.ok(error instanceof TimeoutError, String(error));
    transport.deliverWritable();
    assert.deepEqual(
      transport.bursts[1].map((m) => m.method),
      ['A.kept'],
    );
    for (const message of transport.sent) transport.deliver({ id: message.id, result: {} });
    await Promise.all([first, kept]);
  });
});

describe('acknowledgements', () => {
  test('deliveries are acknowledged once all of them are dispatched, not before', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const call = connection.sendToBrowser('A.ask');
    await nextTurn();
    const { id } = transport.sent[0];
    // A reply with a message behind it pauses the batch for a macrotask.
    transport.deliver({ id, result: {} }, { method: 'A.after', params: {} });
    transport.deliver({ method: 'A.later', params: {} });
    assert.deepEqual(transport.acknowledged, [], 'nothing while the batch is paused');
    await call;
    await nextTurn();
    // Each delivery once all of its messages were dispatched, with the next take.
    assert.deepEqual(transport.acknowledged, [1, 1]);
  });
});

describe('the close path', () => {
  test('a close that arrives while a batch is paused comes after the messages before it', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const seen = owned(connection);
    const answered = connection.sendToBrowser('A.ask');
    const pending = connection.sendToBrowser('A.never');
    await nextTurn();
    const [{ id }] = transport.sent;
    transport.deliver({ id, result: { ok: true } }, { method: 'A.before', params: {} });
    transport.deliverClose({ code: 'connection-lost', how: 'close-frame', closeCode: 1011, closeReason: 'bye' });
    assert.deepEqual(await answered, { ok: true });
    const error = await pending.catch((e) => e);
    assert.ok(error instanceof TargetClosedError);
    assert.equal(error.code, 'connection-lost');
    assert.equal(error.closeCode, 1011);
    assert.deepEqual(
      seen.events.map((e) => e.method),
      ['A.before'],
    );
    assert.equal(seen.closes.length, 1);
    assert.equal(seen.closes[0].code, 'connection-lost');
    assert.match(seen.closes[0].reason, /code 1011: bye/);
    assert.ok(transport.released, 'the transport lets the process go once the close is handled');
    assert.deepEqual(transport.acknowledged, [1], 'the delivery before the close, and nothing after');
  });

  test('close() ends with the code close and the reason given; later sends reject with it', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const seen = owned(connection);
    await connection.close('disconnect() was called');
    assert.ok(transport.closeRequested);
    assert.deepEqual(seen.closes, [{ code: 'close', reason: 'disconnect() was called' }]);
    const error = await connection.sendToBrowser('A.late').catch((e) => e);
    assert.equal(error.code, 'close');
    assert.match(error.message, /disconnect\(\) was called/);
    assert.equal(transport.sent.length, 0, 'nothing is sent after the close');
  });

  test('every code the transport can report has a sentence', () => {
    assert.ok(transportCloseCodes().length >= 5);
    assert.deepEqual(codesWithoutSentence(), []);
  });
});

describe('sessions', () => {
  test('a session announced in a batch exists before its own messages are dispatched', async (t) => {
    const { connection, transport } = fakeConnection(t);
    const attach = connection.sendToBrowser('Target.attachToTarget', { targetId: 'T1', flatten: true });
    await nextTurn();
    const { id } = transport.sent[0];
    const events = [];
    const listening = attach.then(({ sessionId }) => {
      connection.session(sessionId).on('Page.loadEventFired', (params) => events.push(params));
    });
    transport.deliver(
      {
        method: 'Target.attachedToTarget',
        params: { sessionId: 'S1', targetInfo: { targetId: 'T1', type: 'page' }, waitingForDebugger: false },
      },
      { id, result: { sessionId: 'S1' } },
      { method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S1' },
    );
    await listening;
    await nextTurn();
    assert.deepEqual(events, [{ timestamp: 1 }]);
    assert.equal(connection.session('S1').targetId, 'T1');
  });

  test('a reply for a session goes to that session; its end carries target-closed', async (t) => {
    const { connection, transport } = fakeConnection(t);
    transport.deliver({
      method: 'Target.attachedToTarget',
      params: { sessionId: 'S2', targetInfo: { targetId: 'T2', type: 'page' }, waitingForDebugger: false },
    });
    const session = connection.session('S2');
    const detached = [];
    session.on('detached', (event) => detached.push(event));
    const call = session.send('Runtime.evaluate', { expression: '1' });
    await nextTurn();
    const [message] = transport.sent;
    assert.equal(message.sessionId, 'S2');
    transport.deliver({ id: message.id, result: { result: { value: 1 } }, sessionId: 'S2' });
    assert.deepEqual(await call, { result: { value: 1 } });
    const pending = session.send('Runtime.evaluate', { expression: '2' });
    transport.deliver({ method: 'Target.detachedFromTarget', params: { sessionId: 'S2', targetId: 'T2' } });
    const error = await pending.catch((e) => e);
    assert.equal(error.code, 'target-closed');
    assert.deepEqual(
      detached.map((d) => d.code),
      ['target-closed'],
    );
  });
});
