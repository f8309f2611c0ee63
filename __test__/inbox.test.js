'use strict';
// The inbox's pacing with taskPerMessage, driven by a scripted transport: the doorbell can
// ring twice in one poll phase (two threadsafe-function callbacks), which a real browser does
// only now and then (it once failed adapters.test.js's burst on a loaded CI machine).

const { it } = require('node:test');
const assert = require('node:assert/strict');
const { Inbox } = require('../lib/inbox');
const { DeliveryKind } = require('../lib/wire');

/** A transport whose take() hands out what `arrive(text)` queued, and nothing after that. */
function scriptedTransport() {
  const arrived = [];
  return {
    arrive: (text) => arrived.push(text),
    take: () => (arrived.length === 0 ? null : arrived.splice(0)),
  };
}

const outboxThatIgnores = { writable() {}, replyDispatched() {}, batchPaused() {}, batchEnded() {} };

it('with taskPerMessage, a doorbell in the same macrotask waits for the macrotask owed to the last message', async () => {
  const transport = scriptedTransport();
  const seen = [];
  let lastMessagesTaskRan = true;
  const inbox = new Inbox({
    dispatch: (message) => {
      seen.push({ id: message.id, afterTheLastOnesTask: lastMessagesTaskRan });
      lastMessagesTaskRan = false;
      setImmediate(() => (lastMessagesTaskRan = true));
      return false;
    },
    close() {},
    outbox: outboxThatIgnores,
    taskPerMessage: true,
  });
  inbox.attach(transport);
  transport.arrive('{"id":1}');
  inbox.receive(DeliveryKind.Arrived);
  await null;
  // The second callback of the same poll phase: nothing has had a macrotask since.
  transport.arrive('{"id":2}');
  inbox.receive(DeliveryKind.Arrived);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(seen, [
    { id: 1, afterTheLastOnesTask: true },
    { id: 2, afterTheLastOnesTask: true },
  ]);
});
