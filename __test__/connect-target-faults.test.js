'use strict';
// connectTarget() against what no real endpoint would send on demand (the loopback test
// server, __test__/fixtures/fake-cdp-server.js): a server with no Target domain, which gets
// nothing on connect; /json/list answers that are empty, malformed or list no WebSocket URL;
// bad options; timeouts and aborts; a peer's close frame. Every failure names the endpoint
// and opens nothing; connect() to such a server names connectTarget().

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { connect, connectTarget, TimeoutError } = require('..');
const { rejectionOf, settledWithin, sleep } = require('./helpers');
const { startFakeServer } = require('./fixtures/fake-cdp-server');

const SETTLE_MS = 20000;

/** A server that knows no Target domain and echoes every other command's params. */
async function targetServer(t, options = {}) {
  const server = await startFakeServer({ answerDiscover: false, ...options });
  t.after(() => server.close());
  server.onCommand = (msg, socket) => {
    if (msg.method.startsWith('Target.')) server.replyError(msg, { code: -32601, message: `'${msg.method}' wasn't found` }, socket);
    else server.reply(msg, { echoed: msg.params ?? null }, socket);
  };
  return server;
}

/** A /json/list route answering `body` (a string, or a value sent as JSON). */
function listAnswering(body, status = 200) {
  return {
    '/json/list': (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    },
  };
}

describe('connectTarget() to a CDP server without a Target domain', () => {
  test('nothing is sent on connect; commands and events go by the root session, without a sessionId', async (t) => {
    const server = await targetServer(t);
    const session = await connectTarget(server.url);
    t.after(() => session.detach());
    await sleep(300);
    assert.deepEqual(server.received, [], 'something was sent on connect');
    assert.deepEqual(await session.send('Echo.echo', { n: 1 }, { timeout: SETTLE_MS }), { echoed: { n: 1 } });
    assert.equal(server.received.length, 1);
    assert.equal('sessionId' in server.received[0], false);
    const heard = session.waitForEvent('Custom.happened', { timeout: SETTLE_MS });
    server.sendJSON({ method: 'Custom.happened', params: { what: 'x' } });
    assert.deepEqual(await heard, { what: 'x' });
  });

  test('bad arguments reject naming what was wrong, send nothing, and the session stays usable', async (t) => {
    const server = await targetServer(t);
    const session = await connectTarget(server.url);
    t.after(() => session.detach());
    const cyclic = {};
    cyclic.self = cyclic;
    for (const [method, params, expected] of [
      ['', {}, /method/],
      ['Echo.echo', 'not an object', /params/],
      ['Echo.echo', cyclic, /Echo\.echo/],
      ['Echo.echo', { big: 1n }, /Echo\.echo/],
    ]) {
      const error = await rejectionOf(session.send(method, params));
      assert.ok(error instanceof TypeError, error.stack);
      assert.match(error.message, expected);
    }
    assert.deepEqual(server.received, []);
    assert.deepEqual(await session.send('Echo.echo', { ok: true }, { timeout: SETTLE_MS }), { echoed: { ok: true } });
  });

  test('a message over maxMessageSize ends the session with message-too-large', async (t) => {
    const server = await targetServer(t);
    const session = await connectTarget({ endpoint: server.url, maxMessageSize: 1000 });
    const ended = session.waitForEvent('detached');
    const pending = session.send('Echo.echo', { pad: 'x'.repeat(2000) });
    const error = await rejectionOf(pending);
    assert.equal(error.code, 'message-too-large', error.stack);
    const info = await ended;
    assert.equal(info.code, 'message-too-large');
    assert.match(info.reason, /exceeds maxMessageSize \(1000 bytes\)/);
  });

  test('a script whose connectTarget() calls failed, or that detached, exits by itself', async (t) => {
    const empty = await targetServer(t, { routes: listAnswering([]) });
    const silent = await targetServer(t, { routes: { '/json/list': () => {} } });
    const working = await targetServer(t);
    const script = `
      const { connectTarget } = require(process.env.PKG);
      (async () => {
        await connectTarget(process.argv[1]).catch((e) => console.log(e.message.includes('lists no targets')));
        await connectTarget({ endpoint: process.argv[2], timeout: 300 }).catch((e) => console.log(e.name));
        const session = await connectTarget(process.argv[3]);
        console.log(JSON.stringify(await session.send('Echo.echo', { n: 2 })));
        await session.detach();
      })();`;
    const stdout = await new Promise((resolve, reject) => {
      const env = { ...process.env, PKG: path.join(__dirname, '..') };
      execFile(
        process.execPath,
        ['-e', script, empty.httpUrl, silent.httpUrl, working.url],
        { timeout: SETTLE_MS, env },
        (error, out, err) => (error ? reject(new Error(`${error.message}\nstdout: ${out}\nstderr: ${err}`)) : resolve(out)),
      );
    });
    assert.deepEqual(stdout.trim().split('\n'), ['true', 'TimeoutError', '{"echoed":{"n":2}}']);
  });

  test('connect() to it fails naming connectTarget(), and closes its socket', async (t) => {
    const server = await targetServer(t);
    const error = await rejectionOf(connect(server.url));
    assert.ok(error.message.includes(server.url), error.message);
    assert.match(error.message, /'Target\.setDiscoverTargets' wasn't found/);
    assert.match(error.message, /use connectTarget\(\)/);
    const ws = server.connections[0];
    const closed =
      ws.readyState === ws.CLOSED || (await settledWithin(new Promise((resolve) => ws.once('close', resolve)), SETTLE_MS)) !== 'pending';
    assert.ok(closed, 'the socket was left open');
  });

  test("the peer's close frame ends the session with connection-lost and its close code", async (t) => {
    const server = await targetServer(t);
    const session = await connectTarget(server.url);
    const ended = session.waitForEvent('detached');
    server.onCommand = () => {};
    const pending = session.send('Never.answered');
    await server.waitForCommand('Never.answered');
    server.closeWith(4001, 'going away');
    const error = await rejectionOf(pending);
    assert.equal(error.code, 'connection-lost');
    assert.equal(error.closeCode, 4001);
    const info = await ended;
    assert.equal(info.code, 'connection-lost');
    assert.equal(info.closeCode, 4001);
    assert.match(info.reason, /going away/);
  });

  test('headers go on the /json/list request and on the upgrade', async (t) => {
    const list = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ id: 'P1', type: 'page', webSocketDebuggerUrl: `ws://${req.headers.host}/devtools/page/P1` }]));
    };
    const server = await targetServer(t, { routes: { '/json/list': list } });
    const session = await connectTarget({ endpoint: server.httpUrl, headers: { 'x-token': 'secret-1' } });
    t.after(() => session.detach());
    assert.equal(server.httpRequests.find((r) => r.url === '/json/list').headers['x-token'], 'secret-1');
    assert.equal(server.upgradeRequests[0].headers['x-token'], 'secret-1');
    assert.equal(server.upgradeRequests[0].url, '/devtools/page/P1');
    assert.equal(session.targetId, 'P1');
  });

  test("the list's webSocketDebuggerUrl is put on the host and port the user gave", async (t) => {
    const elsewhere = 'ws://192.0.2.1:9/devtools/page/P2';
    const server = await targetServer(t, { routes: listAnswering([{ id: 'P2', type: 'page', webSocketDebuggerUrl: elsewhere }]) });
    const session = await connectTarget(server.httpUrl);
    t.after(() => session.detach());
    assert.equal(server.upgradeRequests[0].url, '/devtools/page/P2');
    assert.deepEqual(await session.send('Echo.echo', {}, { timeout: SETTLE_MS }), { echoed: {} });
  });

  test('by default the first page is picked, else the first target', async (t) => {
    const entry = (id, type) => ({ id, type, webSocketDebuggerUrl: `ws://127.0.0.1:1/devtools/${type}/${id}` });
    const server = await targetServer(t, { routes: listAnswering([entry('W1', 'worker'), entry('P1', 'page'), entry('P2', 'page')]) });
    const first = await connectTarget(server.httpUrl);
    await first.detach();
    assert.equal(first.targetId, 'P1');
    const workers = await targetServer(t, { routes: listAnswering([entry('W1', 'worker'), entry('W2', 'worker')]) });
    const onlyWorkers = await connectTarget(workers.httpUrl);
    await onlyWorkers.detach();
    assert.equal(onlyWorkers.targetId, 'W1');
  });
});

describe('connectTarget() errors name the endpoint and what was wrong, and open nothing', () => {
  const withUrl = (id) => ({ id, type: 'page', webSocketDebuggerUrl: `ws://127.0.0.1:1/devtools/page/${id}` });
  const cases = [
    ['an empty list', listAnswering([]), {}, /its \/json\/list lists no targets/],
    ['a body that is not JSON', listAnswering('[{oops'), {}, /not JSON/],
    ['a JSON object, not an array', listAnswering({ targets: [] }), {}, /its \/json\/list answer is not a JSON array/],
    [
      'targets without webSocketDebuggerUrl',
      listAnswering([{ id: 'A', type: 'page' }, { id: 'B' }]),
      {},
      /lists 2 targets, none with a webSocketDebuggerUrl/,
    ],
    ['HTTP 500', listAnswering('broken', 500), {}, /HTTP 500: broken/],
    ['no /json/list at all (HTTP 404)', {}, {}, /HTTP 404/],
    [
      'a target id not in the list',
      listAnswering([withUrl('A'), withUrl('B')]),
      { target: 'C' },
      /no target with id "C" \(it lists "A", "B"\)/,
    ],
    [
      'the chosen target has no webSocketDebuggerUrl',
      listAnswering([{ id: 'A', type: 'page' }]),
      { target: 'A' },
      /gives target "A" no webSocketDebuggerUrl/,
    ],
    [
      'a webSocketDebuggerUrl that is not a WebSocket URL',
      listAnswering([{ id: 'A', webSocketDebuggerUrl: 'http://x/y' }]),
      {},
      /not a WebSocket URL/,
    ],
    [
      'a target function that throws',
      listAnswering([withUrl('A')]),
      {
        target: () => {
          throw new Error('picky');
        },
      },
      /options\.target threw: picky/,
    ],
    [
      'a target function that returns nothing',
      listAnswering([withUrl('A')]),
      { target: () => undefined },
      /options\.target must return one of the targets/,
    ],
  ];
  for (const [what, routes, options, expected] of cases) {
    test(what, async (t) => {
      const server = await targetServer(t, { routes });
      const error = await rejectionOf(connectTarget({ endpoint: server.httpUrl, ...options }));
      assert.ok(error.message.startsWith(`Cannot connect to ${server.httpUrl}: `), error.message);
      assert.match(error.message, expected);
      assert.equal(server.upgradeRequests.length, 0, 'a WebSocket was opened');
    });
  }

  test('a target function may return an index of the list', async (t) => {
    const server = await targetServer(t, { routes: listAnswering([withUrl('A'), withUrl('B')]) });
    const session = await connectTarget({ endpoint: server.httpUrl, target: (list) => list.findIndex((entry) => entry.id === 'B') });
    await session.detach();
    assert.equal(session.targetId, 'B');
  });

  test('a /json/list that never answers: timeout rejects with a TimeoutError; a signal aborts', async (t) => {
    const server = await targetServer(t, { routes: { '/json/list': () => {} } });
    const timedOut = await rejectionOf(connectTarget({ endpoint: server.httpUrl, timeout: 300 }));
    assert.ok(timedOut instanceof TimeoutError, timedOut.stack);
    assert.match(
      timedOut.message,
      new RegExp(`^Cannot connect to ${server.httpUrl}: connectTarget timed out after 300 ms: the timeout option of connectTarget\\(\\)`),
    );
    const aborted = await rejectionOf(connectTarget({ endpoint: server.httpUrl, signal: AbortSignal.abort(new Error('enough')) }));
    assert.equal(aborted.name, 'AbortError');
    assert.match(aborted.message, /enough/);
  });

  test('bad options are TypeErrors naming the option, before anything is asked', async () => {
    const bad = [
      [undefined, /pass an endpoint URL string or \{ endpoint, target\?/],
      [{}, /pass an endpoint URL string/],
      ['not a url', /connectTarget\(\): "not a url" is not a URL/],
      ['ftp://127.0.0.1/x', /connectTarget\(\): unsupported protocol ftp:/],
      [{ endpoint: 'ws://127.0.0.1:1/x', target: 'A' }, /target picks from an http\(s\) endpoint's \/json\/list/],
      [{ endpoint: 'http://127.0.0.1:1', target: 5 }, /connectTarget\(\): target must be a target id .* got number 5/],
      [{ endpoint: 'http://127.0.0.1:1', targt: 'A' }, /unknown option 'targt'; did you mean 'target'\?/],
      [{ endpoint: 'http://127.0.0.1:1', timeout: -1 }, /connectTarget\(\): timeout must be a number of milliseconds/],
    ];
    for (const [argument, expected] of bad) {
      const error = await rejectionOf(connectTarget(argument));
      assert.ok(error instanceof TypeError, `${JSON.stringify(argument)}: ${error.stack}`);
      assert.match(error.message, expected);
    }
  });
});
