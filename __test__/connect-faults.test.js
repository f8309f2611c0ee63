'use strict';
// connect() against peers that misbehave before the Browser is handed over: a peer that
// rejects or never answers the first command, a /json/version that trickles or never ends, a
// WebSocket upgrade that is never answered, answers that are not what Chromium sends, and
// credentials in the endpoint. Every failure rejects with an error naming the endpoint (and
// nothing secret), `timeout` bounds the whole connect, an AbortSignal ends it, and nothing
// that was opened stays open.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const util = require('node:util');
const { execFile } = require('node:child_process');
const { connect, TimeoutError, AbortError } = require('..');
const { closedPort, rejectionOf, settledWithin } = require('./helpers');
const { startFakeServer } = require('./fixtures/fake-cdp-server');

/** How long a test waits for what should settle within a `timeout` of 1–2 s: honest slack. */
const SETTLE_MS = 20000;

/** Resolves once every WebSocket the fake server accepted has closed. */
async function allClosed(server) {
  await Promise.all(
    server.connections.map((ws) => (ws.readyState === ws.CLOSED ? undefined : new Promise((resolve) => ws.once('close', resolve)))),
  );
}

/** A TCP server that accepts connections and never writes a byte; records its sockets. */
async function silentTcpServer(t) {
  const sockets = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    // Read (and drop) what comes, so that the client's FIN is seen as 'end', then 'close'.
    socket.resume();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  return {
    port: server.address().port,
    sockets,
    closed: (socket) => socket.destroyed || new Promise((resolve) => socket.once('close', resolve)),
  };
}

/** Runs `script` in a child Node with the package at `PKG`; resolves with its stdout once it exits by itself. */
function runScript(script, args, timeoutMs = SETTLE_MS) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script, ...args],
      { timeout: timeoutMs, env: { ...process.env, PKG: path.join(__dirname, '..') } },
      (error, out, err) => (error ? reject(new Error(`${error.message}\nstdout: ${out}\nstderr: ${err}`)) : resolve(out)),
    );
  });
}

describe('a connect() that fails after the WebSocket opened closes it', () => {
  test('the peer answers the first command with an error: rejects, and the socket is closed', async (t) => {
    const server = await startFakeServer({ answerDiscover: false });
    t.after(() => server.close());
    server.onCommand = (msg) => server.replyError(msg, { code: -32601, message: "'Target.setDiscoverTargets' wasn't found" });
    for (let i = 0; i < 10; i++) {
      const error = await rejectionOf(connect(server.url));
      assert.ok(error.message.includes(server.url), error.message);
      assert.match(error.message, /wasn't found/);
    }
    assert.equal(server.connections.length, 10);
    const closed = await settledWithin(allClosed(server), SETTLE_MS);
    assert.notEqual(closed, 'pending', `${server.connections.filter((ws) => ws.readyState !== ws.CLOSED).length} of 10 sockets left open`);
  });

  test('the peer never answers the first command: `timeout` rejects with a TimeoutError, and the socket is closed', async (t) => {
    const server = await startFakeServer({ answerDiscover: false });
    t.after(() => server.close());
    server.onCommand = () => {};
    const outcome = await settledWithin(connect({ endpoint: server.url, timeout: 500 }), SETTLE_MS);
    assert.ok(outcome.error, `connect() ${outcome === 'pending' ? 'still pending' : 'resolved'}`);
    assert.ok(outcome.error instanceof TimeoutError, `got ${outcome.error.stack}`);
    assert.equal(outcome.error.timeout, 500);
    assert.ok(outcome.error.message.includes(server.url), outcome.error.message);
    assert.notEqual(await settledWithin(allClosed(server), SETTLE_MS), 'pending', 'the socket was left open');
  });

  test('a script whose connects all failed this way exits by itself', async (t) => {
    const rejecting = await startFakeServer({ answerDiscover: false });
    t.after(() => rejecting.close());
    rejecting.onCommand = (msg) => rejecting.replyError(msg, { code: -32000, message: 'Not allowed' });
    const silent = await startFakeServer({ answerDiscover: false });
    t.after(() => silent.close());
    silent.onCommand = () => {};
    const script = `
      const { connect } = require(process.env.PKG);
      (async () => {
        for (let i = 0; i < 5; i++) await connect(process.argv[1]).then(() => console.log('connected?!'), () => console.log('rejected'));
        await connect({ endpoint: process.argv[2], timeout: 300 }).then(() => console.log('connected?!'), (e) => console.log(e.name));
      })();`;
    const stdout = await runScript(script, [rejecting.url, silent.url]);
    assert.deepEqual(stdout.trim().split('\n'), [...Array(5).fill('rejected'), 'TimeoutError']);
  });
});

describe('connect({ timeout }) bounds the whole connect', () => {
  test('a /json/version that trickles one byte every 300 ms times out (each byte does not restart the clock)', async (t) => {
    const server = await startFakeServer({
      versionResponse: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), 300);
        res.on('close', () => clearInterval(timer));
      },
    });
    t.after(() => server.close());
    const started = Date.now();
    const outcome = await settledWithin(connect({ endpoint: server.httpUrl, timeout: 2000 }), SETTLE_MS);
    assert.ok(outcome.error, `connect() ${outcome === 'pending' ? `still pending after ${SETTLE_MS} ms` : 'resolved'}`);
    assert.ok(outcome.error instanceof TimeoutError, `got ${outcome.error.stack}`);
    assert.equal(outcome.error.timeout, 2000);
    assert.ok(Date.now() - started >= 1990, 'rejected before the timeout');
    assert.ok(outcome.error.message.includes(server.httpUrl), outcome.error.message);
  });

  test('a ws:// server that accepts TCP but never answers the upgrade times out, and the socket is closed', async (t) => {
    const silent = await silentTcpServer(t);
    const endpoint = `ws://127.0.0.1:${silent.port}/devtools/browser/x`;
    const outcome = await settledWithin(connect({ endpoint, timeout: 1000 }), SETTLE_MS);
    assert.ok(outcome.error, `connect() ${outcome === 'pending' ? `still pending after ${SETTLE_MS} ms` : 'resolved'}`);
    assert.ok(outcome.error instanceof TimeoutError, `got ${outcome.error.stack}`);
    assert.ok(outcome.error.message.includes(endpoint), outcome.error.message);
    assert.equal(silent.sockets.length, 1);
    assert.notEqual(await settledWithin(silent.closed(silent.sockets[0]), SETTLE_MS), 'pending', 'the TCP socket was left open');
  });

  test('timeout 0 waits as long as it takes', async (t) => {
    const silent = await silentTcpServer(t);
    const controller = new AbortController();
    const attempt = connect({ endpoint: `ws://127.0.0.1:${silent.port}/devtools/browser/x`, timeout: 0, signal: controller.signal });
    assert.equal(await settledWithin(attempt, 1500), 'pending');
    controller.abort();
    assert.ok((await rejectionOf(attempt)) instanceof AbortError);
  });
});

describe('connect({ signal })', () => {
  test('an abort during the upgrade rejects with an AbortError naming connect() and closes the socket', async (t) => {
    const silent = await silentTcpServer(t);
    const endpoint = `ws://127.0.0.1:${silent.port}/devtools/browser/x`;
    const controller = new AbortController();
    const attempt = connect({ endpoint, signal: controller.signal });
    while (silent.sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const why = new Error('the user gave up');
    controller.abort(why);
    const outcome = await settledWithin(attempt, SETTLE_MS);
    assert.ok(outcome.error instanceof AbortError, `got ${outcome.error?.stack ?? outcome}`);
    assert.equal(outcome.error.cause, why);
    assert.ok(outcome.error.message.includes(endpoint), outcome.error.message);
    assert.notEqual(await settledWithin(silent.closed(silent.sockets[0]), SETTLE_MS), 'pending', 'the TCP socket was left open');
  });

  test('an abort while /json/version is read, or while the first command waits, rejects and closes what was opened', async (t) => {
    const slowVersion = await startFakeServer({ versionResponse: () => {} });
    t.after(() => slowVersion.close());
    const silent = await startFakeServer({ answerDiscover: false });
    t.after(() => silent.close());
    silent.onCommand = () => {};
    for (const [endpoint, opened] of [
      [slowVersion.httpUrl, () => slowVersion.httpRequests.length > 0],
      [silent.url, () => silent.received.length > 0],
    ]) {
      const controller = new AbortController();
      const attempt = connect({ endpoint, signal: controller.signal });
      while (!opened()) await new Promise((resolve) => setTimeout(resolve, 10));
      controller.abort();
      const outcome = await settledWithin(attempt, SETTLE_MS);
      assert.ok(outcome.error instanceof AbortError, `${endpoint}: got ${outcome.error?.stack ?? outcome}`);
    }
    assert.notEqual(await settledWithin(allClosed(silent), SETTLE_MS), 'pending', 'the WebSocket was left open');
  });

  test('an already aborted signal rejects without opening anything; a signal that is not an AbortSignal is a TypeError', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    const error = await rejectionOf(connect({ endpoint: server.httpUrl, signal: AbortSignal.abort() }));
    assert.ok(error instanceof AbortError, `got ${error.stack}`);
    assert.equal(server.httpRequests.length + server.upgradeRequests.length, 0);
    const fake = { aborted: false, addEventListener() {}, [Symbol.toStringTag]: 'AbortSignal' };
    assert.ok((await rejectionOf(connect({ endpoint: server.url, signal: fake }))) instanceof TypeError);
    assert.equal(server.upgradeRequests.length, 0);
  });

  test('AbortSignal.timeout() rejects with a TimeoutError', async (t) => {
    const silent = await silentTcpServer(t);
    const error = await rejectionOf(connect({ endpoint: `ws://127.0.0.1:${silent.port}/x`, signal: AbortSignal.timeout(200) }));
    assert.ok(error instanceof TimeoutError, `got ${error.stack}`);
  });

  test('a script whose connects were aborted or timed out during the upgrade exits by itself', async (t) => {
    const silent = await silentTcpServer(t);
    const script = `
      const { connect } = require(process.env.PKG);
      (async () => {
        const endpoint = process.argv[1];
        await connect({ endpoint, timeout: 300 }).catch((e) => console.log(e.name));
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        await connect({ endpoint, signal: controller.signal }).catch((e) => console.log(e.name));
      })();`;
    const stdout = await runScript(script, [`ws://127.0.0.1:${silent.port}/devtools/browser/x`]);
    assert.deepEqual(stdout.trim().split('\n'), ['TimeoutError', 'AbortError']);
  });
});

describe('connect() errors name the endpoint and the problem, never a secret', () => {
  test('/json/version answering null, or a webSocketDebuggerUrl that is not a URL', async (t) => {
    const answers = [
      ['null', /not a JSON object/],
      ['[1,2]', /not a JSON object/],
      ['{"webSocketDebuggerUrl":"not a url"}', /webSocketDebuggerUrl.*not a (WebSocket )?URL/],
      ['{"webSocketDebuggerUrl":"http://127.0.0.1:1/devtools/browser/x"}', /webSocketDebuggerUrl.*not a (WebSocket )?URL/],
    ];
    for (const [body, pattern] of answers) {
      const server = await startFakeServer({ versionResponse: (_req, res) => res.writeHead(200).end(body) });
      t.after(() => server.close());
      const error = await rejectionOf(connect(server.httpUrl));
      assert.ok(!(error instanceof TypeError), `${body}: a bad answer is not a bad argument: ${error.stack}`);
      assert.ok(error.message.includes(server.httpUrl), `${body}: ${error.message}`);
      assert.match(error.message, pattern, body);
      assert.equal(server.upgradeRequests.length, 0);
    }
  });

  test('a /json/version body larger than any real one is cut off with an error naming the cap, without reading it all', async (t) => {
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const server = await startFakeServer({
      versionResponse: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"webSocketDebuggerUrl":"');
        // Up to 1.1 GiB, as fast as the client reads: enough to crash a client that keeps it all.
        const pump = () => {
          while (sent < 1100 * chunk.length && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end('"}');
        };
        pump();
      },
    });
    t.after(() => server.close());
    const error = await rejectionOf(connect({ endpoint: server.httpUrl, timeout: 0 }));
    assert.ok(error.message.includes(server.httpUrl), error.message);
    assert.match(error.message, /larger than \d+ bytes/);
    assert.ok(sent < 100 * chunk.length, `${sent} bytes were sent before the client stopped reading`);
  });

  test('credentials and the query of an http endpoint stay out of the error', async () => {
    const port = await closedPort();
    for (const endpoint of [
      `http://admin:s3cret-pw@127.0.0.1:${port}/?token=tok-123-secret`,
      `ws://admin:s3cret-pw@127.0.0.1:${port}/devtools/browser/x?token=tok-123-secret`,
      `http://127.0.0.1:${port}/#tok-123-secret`,
    ]) {
      const error = await rejectionOf(connect(endpoint));
      for (const text of [error.message, error.stack, util.inspect(error, { depth: 10 })]) {
        assert.ok(!/s3cret-pw|tok-123-secret/.test(text), `${endpoint}: a secret is in the error:\n${text}`);
      }
      assert.ok(error.message.includes(`127.0.0.1:${port}`), error.message);
    }
  });

  test('a refused upgrade quotes the body decoded, short, and without the header values that were sent', async (t) => {
    const SECRET = 'tok-SECRET-42';
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', (request) => {
        // The server echoes the request, headers and all, as a chunked body.
        const body = `refused: ${request.toString('latin1')}`;
        const chunks = [body.slice(0, 20), body.slice(20)].map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join('');
        socket.end(`HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => server.close(resolve)));
    const endpoint = `ws://127.0.0.1:${server.address().port}/devtools/browser/x`;
    const error = await rejectionOf(connect({ endpoint, headers: { authorization: `Bearer ${SECRET}` } }));
    assert.match(error.message, /403/);
    assert.match(error.message, /refused: GET \/devtools\/browser\/x/, 'the body is not quoted');
    assert.ok(!error.message.includes(SECRET), `the header value is in the error: ${error.message}`);
    assert.doesNotMatch(error.message, /\r|\n|^14\b/m, `the raw chunked body is in the error: ${JSON.stringify(error.message)}`);
    assert.ok(error.message.length < 600, `${error.message.length} characters`);
  });
});
