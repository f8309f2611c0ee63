'use strict';
// M1 and M2, against the Rust mock server (bench/rust/mock_server.rs), which answers at once,
// so the client is the bottleneck. Both run on the endpoint's root session (no sessionId) for
// a client that has one (cdp-native's connectTarget(), chrome-remote-interface, bare ws), else on
// a session on the mock's browser target (bench/README.md says which is lighter).

const { startTimer } = require('../measure');
const { expectEqual, collectInOrder } = require('./check');

/** The session the mock workloads run on. */
function mockSession(connection) {
  return connection.rootSession ? connection.rootSession() : connection.browserSession();
}

/** M1: `count` sends, `inFlight` of them outstanding at any time; each reply echoes its i. */
async function sends(connection, { count, inFlight }) {
  const session = await mockSession(connection);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const result = await session.send('Mock.echo', { i });
      expectEqual(result.i, i, 'M1 send', i);
    }
  };
  const timer = startTimer();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return timer.stop(count);
}

/** M2: the mock floods `count` events of about `size` bytes, then replies; count and order checked. */
async function flood(connection, { count, size }) {
  const session = await mockSession(connection);
  const events = collectInOrder(session, 'Mock.event', count, (params) => params.i, 'M2');
  const timer = startTimer();
  const [, reply] = await Promise.all([events, session.send('Mock.flood', { count, size })]);
  const measured = timer.stop(count);
  expectEqual(reply.count, count, 'M2 reply count');
  return measured;
}

module.exports = { sends, flood };
