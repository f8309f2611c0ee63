'use strict';
// The fault matrix on the wire, over both transports: a fake browser (WebSocket server or pipe
// "browser" process) that misbehaves on cue. Faults that faults.test.js already covers over a
// WebSocket are run here over the pipe only; the rest run on both.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { TargetClosedError } = require('..');
const { TRANSPORTS, nextEvent, patient, sleep, rejectionOf } = require('./helpers');
const { openFakePeer } = require('./fixtures/fake-peers');
const { encodeFrame, startFakeServer } = require('./fixtures/fake-cdp-server');
const { collectWarnings, expectClosedBy, pendingCalls, record, watch, within } = require('./fixtures/fault-checks');

/** A fake browser over `transport`, its page session S1 watched, and calls pending on both. */
async function faultSetup(t, transport, options) {
  const peer = await openFakePeer(t, transport, options);
  const ctx = watch(peer.browser, [peer.page]);
  ctx.calls = await pendingCalls(peer, peer.page);
  return { peer, ctx };
}

/** The id the peer saw for the command `method`. */
async function idOf(peer, method) {
  // Commands arrive in order: once a later one is answered, the peer has read this one.
  await peer.browser.version();
  const command = (await peer.commands()).find((m) => m.method === method);
  assert.ok(command, `the peer never received ${method}`);
  return command.id;
}

for (const transport of TRANSPORTS) {
  describe(`faults on the wire over ${transport}`, () => {
    test('a JSON array sent as one message closes the connection with a reason, and Node lives', async (t) => {
      // Shaped like the envelope's fields in order: serde would read it as a reply to id 1.
      const { peer, ctx } = await faultSetup(t, transport);
      await peer.write(['[1,"X.y",null]']);
      const reason = await expectClosedBy(ctx, { code: 'bad-message', reason: /JSON object|not valid CDP/ });
      assert.ok(reason.includes('[1,"X.y",null]'), `the reason does not quote the message: ${reason}`);
    });

    test('a reply and events for a detached session: no crash, no warning per message, other sessions fine', async (t) => {
      const peer = await openFakePeer(t, transport);
      const { browser, page } = peer;
      const other = await browser.newCDPSession('T2');
      const warnings = collectWarnings(t);
      const disconnects = record(browser, 'disconnected');
      const detached = record(page, 'detached');
      const lateEvents = record(page, 'Late.event');
      const catchAll = record(page, 'event');
      const otherEvents = record(other, 'Live.event');

      const pending = rejectionOf(page.send('Pending.beforeDetach'));
      const id = await idOf(peer, 'Pending.beforeDetach');
      await page.detach();
      const error = await within(2000, pending, 'the call pending at detach()');
      assert.ok(error instanceof TargetClosedError, `got ${error}`);
      assert.match(error.message, /detach/);
      assert.equal(detached.length, 1);

      // Chromium may still send what it had queued for the session: its reply, and events.
      const late = [{ id, result: { late: true }, sessionId: 'S1' }];
      for (let n = 0; n < 100; n++) late.push({ method: 'Late.event', params: { n }, sessionId: 'S1' });
      late.push({ id: 987654, result: {}, sessionId: 'S1' });
      late.push({ method: 'Live.event', params: { after: 'late' }, sessionId: 'S2' });
      await peer.write(late.map((m) => JSON.stringify(m)));

      for (let i = 0; i < 200 && otherEvents.length === 0; i++) await sleep(10);
      assert.deepEqual(otherEvents, [{ after: 'late' }], 'the other session did not get the event sent after the late ones');
      await sleep(50);
      assert.equal(lateEvents.length, 0, 'a detached session emitted an event');
      assert.equal(catchAll.length, 0, "a detached session emitted 'event'");
      assert.equal(detached.length, 1, "'detached' fired again");
      assert.ok(
        warnings.length <= 1,
        `${warnings.length} warnings for one detached session:\n${warnings.map((w) => w.message).join('\n')}`,
      );
      assert.deepEqual(await within(2000, other.send('Still.works'), 'a send on the other session'), {});
      assert.equal(browser.connected, true);
      assert.equal(disconnects.length, 0);
    });

    test('after a fault has closed the connection, the process exits by itself', async (t) => {
      const args = [path.join(__dirname, 'fixtures', 'fault-exit.js'), transport];
      if (transport === 'websocket') {
        const server = await startFakeServer();
        t.after(() => server.close());
        server.onCommand = (msg, socket) => {
          if (msg.method === 'Fault.now') server.sendRaw('{oops', socket);
          else if (!msg.method.startsWith('Pending.')) server.defaultHandler(msg, socket);
        };
        args.push(server.url);
      }
      const { stdout, stderr, exitedAt } = await new Promise((resolve, reject) => {
        execFile(process.execPath, args, { timeout: 30000 }, (error, out, err) =>
          error
            ? reject(new Error(`${error.message} (killed: ${error.killed})\nstdout: ${out}\nstderr: ${err}`))
            : resolve({ stdout: out, stderr: err, exitedAt: Date.now() }),
        );
      });
      assert.equal(stderr, '');
      const outcome = JSON.parse(stdout);
      assert.match(outcome.reason, /not valid CDP JSON.*\{oops/);
      assert.equal(outcome.pending, 'TargetClosedError');
      assert.equal(outcome.connected, false);
      const lingered = exitedAt - outcome.handledAt;
      // A script held open by the addon would live on to the 30 s kill.
      assert.ok(lingered < patient(3000), `the script lived on ${lingered} ms after the fault was handled`);
    });

    test('a reply sent twice: the call resolves with the first, the copy is one CDPWarning', async (t) => {
      const peer = await openFakePeer(t, transport);
      const warnings = collectWarnings(t);
      const call = peer.page.send('Pending.answeredTwice');
      const id = await idOf(peer, 'Pending.answeredTwice');
      await peer.write([
        JSON.stringify({ id, result: { copy: 1 }, sessionId: 'S1' }),
        JSON.stringify({ id, result: { copy: 2 }, sessionId: 'S1' }),
      ]);
      assert.deepEqual(await within(2000, call, 'the call'), { copy: 1 });
      for (let i = 0; i < 100 && warnings.length < 1; i++) await sleep(10);
      await sleep(30);
      assert.equal(warnings.length, 1, warnings.map((w) => w.message).join('\n'));
      assert.match(warnings[0].message, new RegExp(`id ${id}\\b`));
      assert.match(warnings[0].message, /"copy":2/);
      assert.deepEqual(await within(2000, peer.page.send('Still.works'), 'a later send'), {});
      assert.equal(peer.browser.connected, true);
    });
  });
}

describe('faults on the wire over pipe (covered over WebSocket in faults.test.js)', () => {
  test('malformed JSON closes the connection with a reason quoting it', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    const bad = '{"id":1,"result":{"truncated"';
    await peer.write([bad]);
    const reason = await expectClosedBy(ctx, { code: 'bad-message', reason: /not valid CDP JSON/ });
    assert.ok(reason.includes(bad), reason);
  });

  test('messages before a malformed one in the same write are still delivered', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    const events = record(peer.page, 'Fake.beforeTheBadOne');
    const id = await idOf(peer, 'Pending.call0');
    await peer.write([
      JSON.stringify({ id, result: { ok: 'answered' }, sessionId: 'S1' }),
      JSON.stringify({ method: 'Fake.beforeTheBadOne', params: { n: 1 }, sessionId: 'S1' }),
      'not json at all',
    ]);
    const [, first] = ctx.calls.shift();
    assert.deepEqual(await within(2000, first, 'the answered call'), { ok: 'answered' });
    await expectClosedBy(ctx, { code: 'bad-message', reason: /not valid CDP JSON.*not json at all/ });
    assert.deepEqual(events, [{ n: 1 }]);
  });

  // A pipe read returns many messages at once; a bad one must not take the good ones before
  // it down with it (faults.test.js checks the same over a WebSocket).
  for (const [what, bad, reasonCode, reasonPattern] of [
    [
      'over maxMessageSize',
      Buffer.from(`${JSON.stringify({ method: 'Fake.big', params: { s: 'x'.repeat(4096) } })}\0`),
      'message-too-large',
      /maxMessageSize/,
    ],
    ['not valid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x00]), 'bad-message', /UTF-8/],
  ]) {
    test(`messages before one ${what} in the same read are still delivered`, async (t) => {
      const { peer, ctx } = await faultSetup(t, 'pipe', { maxMessageSize: 1024 });
      const events = record(peer.page, 'Fake.beforeTheBadOne');
      const id = await idOf(peer, 'Pending.call0');
      const good = [
        JSON.stringify({ id, result: { ok: 'answered' }, sessionId: 'S1' }),
        JSON.stringify({ method: 'Fake.beforeTheBadOne', params: { n: 1 }, sessionId: 'S1' }),
      ];
      await peer.writeRaw(Buffer.concat([Buffer.from(`${good.join('\0')}\0`), bad]));
      const [, first] = ctx.calls.shift();
      const outcome = await within(
        3000,
        first.then(
          (value) => ({ value }),
          (error) => ({ error }),
        ),
        'the answered call',
      );
      assert.deepEqual(outcome, { value: { ok: 'answered' } }, `the reply before the bad message was lost: ${outcome.error?.message}`);
      await expectClosedBy(ctx, { code: reasonCode, reason: reasonPattern });
      assert.deepEqual(events, [{ n: 1 }]);
    });
  }

  test('a message with neither id nor method closes the connection', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    await peer.write(['{"params":{"x":1}}']);
    await expectClosedBy(ctx, { code: 'bad-message', reason: /neither "id" nor "method"/ });
  });

  test('a message that is not valid UTF-8 closes the connection', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    await peer.writeRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x00]));
    await expectClosedBy(ctx, { code: 'bad-message', reason: /UTF-8/ });
  });

  test('a message over maxMessageSize closes the connection, naming the cap', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe', { maxMessageSize: 1024 });
    await peer.write([JSON.stringify({ method: 'Fake.big', params: { s: 'x'.repeat(4096) } })]);
    const reason = await expectClosedBy(ctx, { code: 'message-too-large', reason: /maxMessageSize/ });
    assert.match(reason, /\b1024\b/);
    const size = Number(/(\d+) bytes exceeds/.exec(reason)?.[1]);
    assert.ok(size > 1024, reason);
  });

  test('a message exactly at maxMessageSize is delivered', async (t) => {
    const peer = await openFakePeer(t, 'pipe', { maxMessageSize: 1024 });
    const prefix = '{"method":"Fake.atCap","params":{"s":"';
    const suffix = '"},"sessionId":"S1"}';
    const text = prefix + 'y'.repeat(1024 - prefix.length - suffix.length) + suffix;
    const event = nextEvent(peer.page, 'Fake.atCap', 5000);
    await peer.write([text]);
    assert.equal((await event).s.length, 1024 - prefix.length - suffix.length);
    assert.equal(peer.browser.connected, true);
  });

  test('a reply for an unknown id is a CDPWarning and the session stays usable', async (t) => {
    const peer = await openFakePeer(t, 'pipe');
    const warnings = collectWarnings(t);
    await peer.write([JSON.stringify({ id: 4242, result: { stray: true }, sessionId: 'S1' })]);
    for (let i = 0; i < 100 && warnings.length < 1; i++) await sleep(10);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /id 4242/);
    assert.deepEqual(await within(2000, peer.page.send('Still.works'), 'a later send'), {});
  });
});

describe('the browser ends its pipe (fake pipe browser)', () => {
  test('it closes its pipe (EOF) and stays alive: pending calls reject naming the EOF', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    const child = peer.browser.process;
    // The fake only exits later, when disconnect() closes our end of its pipe.
    const runningAtDisconnect = nextEvent(peer.browser, 'disconnected').then(() => child.exitCode === null && child.signalCode === null);
    const started = Date.now();
    await peer.control.send('Fake.closePipe');
    await expectClosedBy(ctx, { code: 'connection-lost', reason: /EOF/ }, 1000);
    assert.ok(Date.now() - started < patient(1000), `took ${Date.now() - started} ms`);
    assert.equal(await runningAtDisconnect, true, 'the fake had exited; this test is about its pipe only');
  });

  test('it closes its pipe in the middle of a message: the reason says so', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    await peer.control.send('Fake.closePipe', { partial: '{"id":1,"result":{"cut' });
    const reason = await expectClosedBy(ctx, { code: 'connection-lost', reason: /EOF/ });
    assert.match(reason, /middle of a message/);
  });

  test('it exits with code 3: pending calls reject, disconnected once', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'pipe');
    await peer.control.send('Fake.exit', { code: 3 });
    await expectClosedBy(ctx, { code: 'connection-lost', reason: /EOF|exit|code 3/ });
  });
});

describe('the connection ends mid-frame (WebSocket)', () => {
  /** The first half of a text frame that announces 1,000 bytes of payload. */
  const halfFrame = () => encodeFrame(0x1, `{"method":"Fake.cut","params":{"s":"${'z'.repeat(1000)}"}}`).subarray(0, 520);

  test('a TCP close (FIN) in the middle of a frame', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'websocket');
    await peer.writeRaw(halfFrame());
    await sleep(20);
    peer.server.destroy();
    const reason = await expectClosedBy(ctx, { code: 'connection-lost', reason: /WebSocket/ }, 1000);
    assert.doesNotMatch(reason, /undefined/);
  });

  test('a TCP reset (RST) in the middle of a frame', async (t) => {
    const { peer, ctx } = await faultSetup(t, 'websocket');
    await peer.writeRaw(halfFrame());
    await sleep(20);
    peer.server.reset();
    await expectClosedBy(ctx, { code: 'connection-lost', reason: /reset|WebSocket/i }, 1000);
  });
});
