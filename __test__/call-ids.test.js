'use strict';
// The ids of a connection's calls, without a browser (2^31 real sends would take a day): they
// stay at or below 2^31 - 1, the largest id Chromium accepts (above it Chromium answers with
// an error that names no call), wrap around to 1, skip ids still in use, and a reply finds its
// call by id whichever session it was sent on.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Connection } = require('../lib/connection');
const { CallIds, LATE, MAX_ID } = require('../lib/call-ids');
const { FakeTransport, nextTurn } = require('./fixtures/fake-transport');

function connectionFrom(t, firstId) {
  const connection = new Connection({ protocolTimeout: 0, firstId });
  const transport = new FakeTransport(connection.onInbound);
  connection.attach(transport);
  t.after(() => connection.close('the test is over'));
  return { connection, transport };
}

/** A registry stand-in: the ids in `pending` are pending. */
const registry = (pending) => ({ isPending: (id) => pending.has(id) });

test("a connection's ids go up to 2^31 - 1, then wrap to 1; the wrapped calls get their replies", async (t) => {
  assert.equal(MAX_ID, 2 ** 31 - 1);
  const { connection, transport } = connectionFrom(t, MAX_ID - 1);
  const calls = [1, 2, 3].map((n) => connection.sendToBrowser('A.call', { n }));
  // A refused call sends nothing (its id, 2, is free again for a later round).
  await assert.rejects(connection.sendToBrowser('A.bad', 5), TypeError);
  const last = connection.sendToBrowser('A.call', { n: 4 });
  await nextTurn();
  assert.deepEqual(
    transport.sent.map((m) => m.id),
    [MAX_ID - 1, MAX_ID, 1, 3],
  );
  transport.deliver(...transport.sent.reverse().map((m) => ({ id: m.id, result: { n: m.params.n } })));
  assert.deepEqual(await Promise.all([...calls, last]), [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
});

test('after a wrap, ids still pending or awaiting a late reply are skipped', () => {
  const ids = new CallIds({ max: 5 });
  const pending = new Set();
  const reg = registry(pending);
  const take = () => {
    const id = ids.take(reg);
    pending.add(id);
    return id;
  };
  assert.deepEqual([take(), take(), take(), take(), take()], [1, 2, 3, 4, 5]);
  // 2 is answered, 4 ends unanswered (a timeout): its late reply may still come.
  assert.equal(ids.answered(2), reg);
  pending.delete(2);
  pending.delete(4);
  assert.equal(take(), 2, 'the answered id is free again');
  assert.equal(ids.answered(4), reg, 'a reply to a call that ended still finds its registry');
  assert.equal(ids.answered(4), undefined, 'a second copy is a stray');
  assert.equal(take(), 4);
});

test('ended calls move to a bounded set of expected late replies', () => {
  const ids = new CallIds();
  const reg = registry(new Set());
  const taken = [];
  for (let i = 0; i < 5000; i++) taken.push(ids.take(reg));
  // None is pending: the sweeps have moved them to the late set, whose replies are quiet.
  assert.equal(ids.answered(taken[4000]), LATE);
  assert.equal(ids.answered(taken[4000]), undefined);
});

test('a call is registered after its id is taken: a sweep then never takes it for ended', () => {
  // As connection.js does: take the id, then register the call under it. 5,000 calls in flight
  // pass the sweeps at 2,048 and 4,096 ids; every reply must still find its registry.
  const ids = new CallIds();
  const pending = new Set();
  const reg = registry(pending);
  const taken = [];
  for (let i = 0; i < 5000; i++) {
    const id = ids.take(reg);
    pending.add(id);
    taken.push(id);
  }
  const lost = taken.filter((id) => ids.answered(id) !== reg);
  assert.deepEqual(lost, []);
});

// A lost reply is a hang: the time limit turns it into a failure.
test('5,000 calls in flight on one connection all get their replies', { timeout: 60000 }, async (t) => {
  const { connection, transport } = connectionFrom(t, 1);
  const calls = Array.from({ length: 5000 }, (_, n) => connection.sendToBrowser('A.call', { n }));
  await nextTurn();
  assert.equal(transport.sent.length, 5000);
  transport.deliver(...transport.sent.map((m) => ({ id: m.id, result: { n: m.params.n } })));
  const results = await Promise.all(calls);
  assert.deepEqual(
    results.map((r) => r.n),
    Array.from({ length: 5000 }, (_, n) => n),
  );
});
