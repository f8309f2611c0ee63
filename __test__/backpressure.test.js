'use strict';
// Backpressure: a client whose listeners are slow stops reading the socket, so a flood stays
// in the sender instead of filling this process, and nothing is lost once it catches up.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { fork } = require('node:child_process');
const { once } = require('node:events');
const { connect } = require('..');

const EVENTS = 200;
const EVENT_PAD = 1024 * 1024;

async function startFloodServer(t) {
  const child = fork(path.join(__dirname, 'fixtures', 'flood-server.js'), { stdio: 'inherit' });
  t.after(() => child.kill());
  const [{ port }] = await once(child, 'message');
  return {
    url: `ws://127.0.0.1:${port}/devtools/browser/flood`,
    flood: (count, size) => child.send({ flood: { count, size } }),
    bufferedOnServer: async () => {
      child.send('buffered');
      const [{ buffered }] = await once(child, 'message');
      return buffered;
    },
  };
}

/** Keeps the JS thread busy, as a slow listener does. */
function blockFor(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

test('a slow listener under a 200 MiB flood: reading stops, then every event arrives in order', async (t) => {
  const server = await startFloodServer(t);
  const browser = await connect(server.url);
  t.after(() => browser.close());
  const received = [];
  let leftOnServer;
  const allReceived = new Promise((resolve) => {
    browser.on('Flood.event', ({ i, pad }) => {
      received.push(i);
      assert.equal(pad.length, EVENT_PAD);
      if (i === 0) {
        // While this listener runs, the transport may read only its bounded window ahead:
        // the rest of the flood must still be waiting on the server's side afterwards.
        blockFor(1500);
        leftOnServer = server.bufferedOnServer();
      }
      if (received.length === EVENTS) resolve();
    });
  });
  server.flood(EVENTS, EVENT_PAD);
  await allReceived;
  const left = await leftOnServer;
  // 200 MiB offered; a client that read without limit would have left the server nothing.
  assert.ok(left > 100 * 1024 * 1024, `the server could hand all but ${left} bytes to the client while it was busy`);
  assert.deepEqual(
    received,
    Array.from({ length: EVENTS }, (_, i) => i),
  );
});
