'use strict';
// puppeteerTransport() and playwrightTransport() as transports, without the libraries: the
// shapes of their messages, one message per macrotask in arrival order, and one onclose
// whatever ends them. Real Chromium; the libraries on top are in puppeteer-transport.test.js
// and playwright-transport.test.js.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const puppeteer = require('puppeteer-core');
const { chromium } = require('playwright-core');
const { launch, playwrightTransport, puppeteerTransport } = require('..');
const { exitOf, patient, settledWithin, sleep } = require('./helpers');
const { assertNothingLeft } = require('./adapter-helpers');

/** How many commands one synchronous burst sends: enough that replies come in batches. */
const BURST = 300;

/**
 * Sends BURST Browser.getVersion in one synchronous loop (`send(id)`), and resolves with what
 * `transport.onmessage` saw: the ids in order, the type of each message, and how many came
 * before the work queued by the message before them had run (a chain of awaits and a
 * setImmediate): none when each message has a macrotask of its own.
 */
function burstThrough(transport, send) {
  return new Promise((resolve) => {
    const ids = [];
    const types = new Set();
    let early = 0;
    let previousWorkDone = () => true;
    transport.onmessage = (message) => {
      if (!previousWorkDone()) early++;
      let chainDone = false;
      let immediateDone = false;
      (async () => {
        for (let i = 0; i < 20; i++) await null;
        chainDone = true;
      })();
      setImmediate(() => {
        immediateDone = true;
      });
      previousWorkDone = () => chainDone && immediateDone;
      types.add(typeof message);
      ids.push((typeof message === 'string' ? JSON.parse(message) : message).id);
      if (ids.length === BURST) resolve({ ids, types, early });
    };
    for (let id = 1; id <= BURST; id++) send(id);
  });
}

const inOrder = Array.from({ length: BURST }, (_, i) => i + 1);

describe('puppeteerTransport() and playwrightTransport() as transports', () => {
  it("Puppeteer's: strings both ways, one message per macrotask, in arrival order", async (t) => {
    const transport = await puppeteerTransport();
    t.after(() => transport.close());
    const { ids, types, early } = await burstThrough(transport, (id) =>
      transport.send(JSON.stringify({ id, method: 'Browser.getVersion' })),
    );
    assert.deepEqual(ids, inOrder);
    assert.deepEqual([...types], ['string']);
    assert.equal(early, 0);
    // Pretty-printed JSON (raw newlines between tokens) is one message too.
    const reply = new Promise((resolve) => (transport.onmessage = resolve));
    transport.send(JSON.stringify({ id: BURST + 1, method: 'Browser.getVersion' }, null, 2));
    const { id, result } = JSON.parse(await reply);
    assert.equal(id, BURST + 1);
    assert.match(result.product, /Chrome/);
  });

  it("Playwright's: objects both ways, one message per macrotask, in arrival order", async (t) => {
    const transport = await playwrightTransport();
    t.after(() => transport.close());
    const { ids, types, early } = await burstThrough(transport, (id) => transport.send({ id, method: 'Browser.getVersion' }));
    assert.deepEqual(ids, inOrder);
    assert.deepEqual([...types], ['object']);
    assert.equal(early, 0);
  });

  it('close() of a connected transport: onclose once, with the reason; the browser goes on', async (t) => {
    const host = await launch({ transport: 'websocket' });
    t.after(() => host.close());
    const transport = await playwrightTransport({ endpoint: host.wsEndpoint });
    const reasons = [];
    transport.onclose = (reason) => reasons.push(reason);
    const closing = transport.close();
    assert.equal(transport.close(), closing, 'a second close() is the same close');
    await closing;
    await sleep(100);
    assert.deepEqual(reasons, ['transport.close() was called']);
    // What is sent after the close goes nowhere, and throws nothing.
    transport.send({ id: 1, method: 'Browser.getVersion' });
    assert.equal(host.connected, true);
    assert.ok((await host.version()).product);
  });

  it('a launched browser that exits: onclose once, and its profile goes with it', async () => {
    const transport = await puppeteerTransport();
    let closes = 0;
    transport.onclose = () => closes++;
    const child = transport.process;
    transport.send(JSON.stringify({ id: 1, method: 'Browser.close' }));
    await assertNothingLeft(child);
    // close() after the end still resolves (it cleans up what is left), and never rejects.
    const closed = await settledWithin(transport.close(), patient(5000));
    assert.notEqual(closed, 'pending');
    assert.ok('value' in closed);
    assert.equal(closes, 1);
  });

  for (const [name, makeTransport, connectLibrary] of [
    ['Puppeteer', puppeteerTransport, (transport) => puppeteer.connect({ transport })],
    ['Playwright', playwrightTransport, (transport) => chromium.connectOverCDP(transport)],
  ]) {
    it(`${name}: a browser that died before the library listened fails its connect at once`, async () => {
      const transport = await makeTransport();
      process.kill(-transport.process.pid, 'SIGKILL');
      await exitOf(transport.process);
      await sleep(100);
      const bound = patient(5000);
      const connected = await settledWithin(connectLibrary(transport), bound);
      assert.notEqual(connected, 'pending', `the connect still waited after ${bound} ms`);
      assert.ok(connected.error, 'the connect failed');
      await transport.close();
    });
  }
});
