'use strict';
// The ordering promise of API.md: messages are delivered in arrival order, and when a reply
// resolves a send(), the code awaiting it runs before any later message is dispatched. The fake
// browser writes a reply and the messages after it in ONE TCP write, so that they reach the
// client in the same read (and so in the same batch handed to JavaScript): a dispatcher that
// went on to the next message synchronously would emit the event before the awaiting code had
// subscribed to it.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('..');
const { startFakeServer, textFrame } = require('./fixtures/fake-cdp-server');

/** Turns the protocol log (DEBUG=cdp-native:protocol) on until test `t` ends; its lines. */
function capturedProtocolLog(t) {
  const debug = require('debug');
  const lines = [];
  const { log } = debug;
  const namespaces = debug.disable();
  debug.log = (...args) => lines.push(args.join(' '));
  debug.enable('cdp-native:protocol');
  t.after(() => {
    debug.log = log;
    debug.enable(namespaces);
  });
  return lines;
}

/** A fake browser, a Browser connected to it, and a page-level session S1 on target T1. */
async function setup(t) {
  const server = await startFakeServer();
  t.after(() => server.close());
  const browser = await connect(server.url);
  t.after(() => browser.disconnect());
  const page = await browser.newCDPSession('T1');
  assert.equal(page.id, 'S1');
  return { server, browser, page };
}

/**
 * Resolves once `emitter` has emitted the catch-all 'event' for `method` (the catch-all comes
 * after the listeners of the method itself, so these have run by then).
 */
function sawEvent(emitter, method, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off('event', listener);
      reject(new Error(`${method} never arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event) => {
      if (event.method !== method) return;
      clearTimeout(timer);
      emitter.off('event', listener);
      resolve(event.params);
    };
    emitter.on('event', listener);
  });
}

/** When the server receives `method`, it answers and sends `after` in the same TCP write. */
function answerThenSend(server, method, after) {
  server.onCommand = (msg, socket) => {
    if (msg.method !== method) return server.defaultHandler(msg, socket);
    const reply =
      msg.sessionId === undefined
        ? { id: msg.id, result: { answered: method } }
        : { id: msg.id, result: { answered: method }, sessionId: msg.sessionId };
    server.sendFrames([reply, ...after(msg)], socket);
  };
}

describe('a reply and the event right after it', () => {
  test('page session: code after `await send()` subscribes in time for the next event', async (t) => {
    const { server, page } = await setup(t);
    answerThenSend(server, 'Test.a', () => [{ method: 'Test.e', params: { n: 1 }, sessionId: 'S1' }]);
    const arrived = sawEvent(page, 'Test.e');
    const result = await page.send('Test.a');
    assert.deepEqual(result, { answered: 'Test.a' });
    const heard = [];
    page.on('Test.e', (params) => heard.push(params));
    await arrived;
    assert.deepEqual(heard, [{ n: 1 }], 'the event was dispatched before the awaiting code ran');
  });

  test('browser session: the same holds for browser-level replies and events', async (t) => {
    const { server, browser } = await setup(t);
    const targetInfo = { targetId: 'T9', type: 'page', title: '', url: 'about:blank', attached: false, canAccessOpener: false };
    answerThenSend(server, 'Browser.getVersion', () => [{ method: 'Target.targetCreated', params: { targetInfo } }]);
    const arrived = sawEvent(browser, 'Target.targetCreated');
    await browser.version();
    const heard = [];
    browser.on('Target.targetCreated', (params) => heard.push(params.targetInfo.targetId));
    await arrived;
    assert.deepEqual(heard, ['T9']);
  });

  test('a caller several awaits deep still runs before the next message', async (t) => {
    // Microtask-deep: a dispatcher that yielded with queueMicrotask or process.nextTick
    // would let the event through before these continuations ran.
    const { server, page } = await setup(t);
    answerThenSend(server, 'Test.a', () => [{ method: 'Test.e', params: { n: 2 }, sessionId: 'S1' }]);
    async function inner() {
      const result = await page.send('Test.a');
      await null;
      await Promise.resolve();
      return result;
    }
    async function middle() {
      const result = await inner();
      await new Promise((resolve) => queueMicrotask(resolve));
      return result;
    }
    const arrived = sawEvent(page, 'Test.e');
    await middle();
    await null;
    const heard = [];
    page.on('Test.e', (params) => heard.push(params));
    await arrived;
    assert.deepEqual(heard, [{ n: 2 }]);
  });

  test('each reply in a batch lets its caller run before the messages after it', async (t) => {
    const { server, page } = await setup(t);
    server.onCommand = () => {};
    const log = [];
    page.on('Test.e', ({ n }) => log.push(`E${n}`));
    const a = page.send('Test.a').then(() => log.push('A resolved'));
    const b = page.send('Test.b').then(() => log.push('B resolved'));
    const msgA = await server.waitForCommand('Test.a');
    const msgB = await server.waitForCommand('Test.b');
    const arrived = sawEvent(page, 'Test.last');
    server.sendFrames([
      { method: 'Test.e', params: { n: 1 }, sessionId: 'S1' },
      { id: msgA.id, result: {}, sessionId: 'S1' },
      { method: 'Test.e', params: { n: 2 }, sessionId: 'S1' },
      { id: msgB.id, result: {}, sessionId: 'S1' },
      { method: 'Test.e', params: { n: 3 }, sessionId: 'S1' },
      { method: 'Test.last', params: {}, sessionId: 'S1' },
    ]);
    await Promise.all([a, b, arrived]);
    assert.deepEqual(log, ['E1', 'A resolved', 'E2', 'B resolved', 'E3']);
  });

  test('a reply and an event delivered to JavaScript in separate batches', async (t) => {
    // The reply and the event are written to TCP 50 ms apart while the JS thread is blocked,
    // so the transport reads them separately and both batches wait for the JS thread: the
    // second must not be dispatched before the code awaiting the reply has run.
    const { server, page } = await setup(t);
    server.onCommand = (msg, socket) => {
      if (msg.method !== 'Test.a') return server.defaultHandler(msg, socket);
      const block = (ms) => {
        const end = Date.now() + ms;
        while (Date.now() < end);
      };
      socket._socket.write(textFrame({ id: msg.id, result: {}, sessionId: 'S1' }));
      block(50);
      socket._socket.write(textFrame({ method: 'Test.e', params: { n: 3 }, sessionId: 'S1' }));
      block(50);
    };
    const arrived = sawEvent(page, 'Test.e');
    await page.send('Test.a');
    const heard = [];
    page.on('Test.e', (params) => heard.push(params));
    await arrived;
    assert.deepEqual(heard, [{ n: 3 }]);
  });

  test('a reply, then the announcement of a session it created, then that session’s event', async (t) => {
    // As Chromium does for auto-attach: the caller of Target.setAutoAttach subscribes to
    // 'sessionattached' after its await, and still hears the child and its first event.
    const { server, page } = await setup(t);
    answerThenSend(server, 'Target.setAutoAttach', () => [
      {
        method: 'Target.attachedToTarget',
        params: { sessionId: 'C1', targetInfo: { targetId: 'W1', type: 'worker' }, waitingForDebugger: true },
        sessionId: 'S1',
      },
      { method: 'Child.hello', params: { from: 'C1' }, sessionId: 'C1' },
      { method: 'Test.marker', params: {}, sessionId: 'S1' },
    ]);
    // Dispatch is in order: once the marker is seen, everything before it has been.
    const marker = sawEvent(page, 'Test.marker');
    await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    const heard = [];
    const attached = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sessionattached')), 2000);
      page.once('sessionattached', (child) => {
        clearTimeout(timer);
        child.on('Child.hello', (params) => heard.push(params));
        resolve(child);
      });
    });
    const child = await attached;
    assert.equal(child.id, 'C1');
    assert.equal(child.targetId, 'W1');
    await marker;
    assert.deepEqual(heard, [{ from: 'C1' }]);
  });
});

describe('arrival order', () => {
  test('events in one batch arrive in wire order, across sessions', async (t) => {
    const { server, browser, page } = await setup(t);
    const order = [];
    page.on('event', ({ method, params }) => order.push(`page ${method} ${params.n}`));
    browser.on('Test.browserEvent', (params) => order.push(`browser Test.browserEvent ${params.n}`));
    const expected = [];
    const frames = [];
    for (let n = 0; n < 300; n++) {
      if (n % 3 === 0) {
        frames.push({ method: 'Test.browserEvent', params: { n } });
        expected.push(`browser Test.browserEvent ${n}`);
      } else {
        const method = n % 3 === 1 ? 'Test.one' : 'Test.two';
        frames.push({ method, params: { n }, sessionId: 'S1' });
        expected.push(`page ${method} ${n}`);
      }
    }
    const done = sawEvent(page, 'Test.done');
    frames.push({ method: 'Test.done', params: { n: 'end' }, sessionId: 'S1' });
    expected.push('page Test.done end');
    server.sendFrames(frames);
    await done;
    assert.deepEqual(order, expected);
  });

  test('events spread over many writes arrive in order, and interleaved replies settle in order', async (t) => {
    const { server, page } = await setup(t);
    server.onCommand = () => {};
    const order = [];
    page.on('Test.tick', ({ n }) => order.push(`tick ${n}`));
    const calls = [];
    for (let i = 0; i < 20; i++) calls.push(page.send('Test.call', { i }).then(({ i: got }) => order.push(`reply ${got}`)));
    for (let i = 0; i < 20; i++) await server.waitForMessage((m) => m.method === 'Test.call' && m.params.i === i);
    const commands = server.received.filter((m) => m.method === 'Test.call');
    const expected = [];
    for (let i = 0; i < 20; i++) {
      const write = [
        { method: 'Test.tick', params: { n: i }, sessionId: 'S1' },
        { id: commands[i].id, result: { i }, sessionId: 'S1' },
      ];
      expected.push(`tick ${i}`, `reply ${i}`);
      server.sendFrames(write);
      if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(calls);
    assert.deepEqual(order, expected);
  });
});

describe('sends made while a batch of replies is dispatched', () => {
  test('leave within a bounded number of replies, even while the batch goes on', async (t) => {
    const { server, page } = await setup(t);
    const commands = new Map();
    server.onCommand = (msg) => commands.set(msg.method, msg);
    const pending = Array.from({ length: 200 }, (_, i) => page.send(`Pending.c${i}`));
    while (commands.size < 200) await new Promise((resolve) => setTimeout(resolve, 5));
    // What is handed to the transport is seen in the protocol log, the moment it is written:
    // the whole batch may be dispatched in one turn of the event loop, before the fake server
    // (in this process) reads anything.
    const sent = capturedProtocolLog(t);
    // The continuation of the first reply sends; the 150th looks whether it has gone out.
    const followUp = pending[0].then(() => page.send('FollowUp.sent'));
    const seenAt150 = pending[150].then(() => sent.some((line) => line.includes('"FollowUp.sent"')));
    const replies = [];
    for (let i = 0; i < 200; i++) replies.push({ id: commands.get(`Pending.c${i}`).id, result: {}, sessionId: 'S1' });
    server.onCommand = (msg) => server.reply(msg, {});
    server.sendFrames(replies);
    assert.equal(await seenAt150, true, 'the follow-up was held back until the whole batch was dispatched');
    await Promise.all([...pending, followUp]);
  });
});
