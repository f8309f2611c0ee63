'use strict';
// connect(): to a real Chromium by its WebSocket URL and by its HTTP origin (/json/version),
// with `localhost` and a host name; failures (closed port, bad URL, unsupported scheme) that
// reject quickly and name the endpoint; custom headers on both requests, no Origin header, and
// header values kept out of every error.

const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const dns = require('node:dns/promises');
const net = require('node:net');
const os = require('node:os');
const util = require('node:util');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { connect, launch, CDPSession } = require('..');

const { closedPort, patient } = require('./helpers');
const { startFakeServer } = require('./fixtures/fake-cdp-server');

/** The rejection of `promise` (fails the test if it resolves). */
async function rejectionOf(promise) {
  try {
    const value = await promise;
    if (value && typeof value.disconnect === 'function') await value.disconnect();
    assert.fail('expected a rejection, got a value');
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error;
  }
}

/** Opens a page on `browser`, evaluates an expression in it and closes the page. */
async function evaluateOnNewPage(browser) {
  const page = await browser.newPage();
  assert.ok(page instanceof CDPSession);
  const { result } = await page.send('Runtime.evaluate', { expression: '6 * 7' });
  assert.equal(result.value, 42);
  await browser.version(); // the browser session works too
  await page.send('Page.close').catch(() => {});
}

describe('connect() to a real Chromium', () => {
  let launched;
  let port;
  let browserPath;
  before(async () => {
    launched = await launch({ transport: 'websocket' });
    const url = new URL(launched.wsEndpoint);
    assert.equal(url.protocol, 'ws:');
    assert.equal(url.hostname, '127.0.0.1');
    port = url.port;
    browserPath = url.pathname;
    assert.match(browserPath, /^\/devtools\/browser\/[\w-]+$/);
  });
  after(() => launched?.close());

  /** connect(), with disconnect on test end. */
  async function connectFor(t, endpoint) {
    const browser = await connect(endpoint);
    t.after(() => browser.disconnect());
    return browser;
  }

  test('by its WebSocket URL', async (t) => {
    const browser = await connectFor(t, launched.wsEndpoint);
    assert.equal(browser.wsEndpoint, launched.wsEndpoint);
    assert.equal(browser.process, null);
    assert.equal(browser.connected, true);
    await evaluateOnNewPage(browser);
    // Disconnecting leaves the browser running.
    await browser.disconnect();
    assert.equal(browser.connected, false);
    const { product } = await launched.version();
    assert.match(product, /Chrom/);
  });

  test('by its HTTP origin, through /json/version', async (t) => {
    const browser = await connectFor(t, `http://127.0.0.1:${port}`);
    assert.equal(browser.wsEndpoint, launched.wsEndpoint);
    await evaluateOnNewPage(browser);
  });

  test('by its HTTP origin with a trailing slash', async (t) => {
    const browser = await connectFor(t, `http://127.0.0.1:${port}/`);
    await evaluateOnNewPage(browser);
  });

  test('by an HTTP origin with the host name localhost', async (t) => {
    const browser = await connectFor(t, `http://localhost:${port}`);
    const ws = new URL(browser.wsEndpoint);
    assert.equal(ws.port, port);
    assert.equal(ws.pathname, browserPath);
    await evaluateOnNewPage(browser);
  });

  test('by a WebSocket URL with the host name localhost', async (t) => {
    const browser = await connectFor(t, `ws://localhost:${port}${browserPath}`);
    await evaluateOnNewPage(browser);
  });

  test('by an HTTP origin with a host name that is not localhost', async (t) => {
    // Chromium answers /json only for an IP or localhost Host: the client must resolve the name.
    const name = os.hostname();
    const { address } = await dns.lookup(name).catch(() => ({}));
    if (name === 'localhost' || !address?.startsWith('127.')) {
      t.skip(`the host name ${name} does not resolve to a loopback address`);
      return;
    }
    const browser = await connectFor(t, `http://${name}:${port}`);
    assert.equal(new URL(browser.wsEndpoint).pathname, browserPath);
    await evaluateOnNewPage(browser);
  });

  test('two connections at once see each other’s targets', async (t) => {
    const a = await connectFor(t, launched.wsEndpoint);
    const b = await connectFor(t, `http://127.0.0.1:${port}`);
    const page = await a.newPage('about:blank#seen-by-b');
    const targets = await b.targets();
    assert.ok(
      targets.some((target) => target.targetId === page.targetId),
      `target ${page.targetId} not among ${targets.map((x) => x.targetId).join(', ')}`,
    );
    await page.send('Page.close').catch(() => {});
  });
});

describe('connect() failures', () => {
  test('a closed port rejects quickly with an Error naming the endpoint', async () => {
    const port = await closedPort();
    for (const endpoint of [`ws://127.0.0.1:${port}/devtools/browser/abc`, `http://127.0.0.1:${port}`]) {
      const started = Date.now();
      const error = await rejectionOf(connect(endpoint));
      const elapsed = Date.now() - started;
      // Far below connect()'s 30 s timeout, which a connect that did not notice would wait for.
      assert.ok(elapsed < patient(2000), `${endpoint}: took ${elapsed} ms`);
      assert.ok(error instanceof Error);
      assert.ok(!(error instanceof TypeError), `${endpoint}: a refused connection is not a TypeError: ${error}`);
      assert.ok(error.message.includes(endpoint), `${endpoint}: the message does not name it: ${error.message}`);
    }
  });

  test('a bad URL rejects with a TypeError, never a synchronous throw', async () => {
    for (const endpoint of ['not a url', '', '127.0.0.1:9222', 'http//missing-colon']) {
      let promise;
      assert.doesNotThrow(() => {
        promise = connect(endpoint);
      });
      const error = await rejectionOf(promise);
      assert.ok(error instanceof TypeError, `${JSON.stringify(endpoint)}: got ${error}`);
      if (endpoint) assert.ok(error.message.includes(endpoint), `${JSON.stringify(endpoint)}: ${error.message}`);
    }
    for (const bad of [undefined, null, 42, {}, { endpoint: 5 }]) {
      const error = await rejectionOf(connect(bad));
      assert.ok(error instanceof TypeError, `${util.inspect(bad)}: got ${error}`);
    }
  });

  test('an unsupported scheme rejects with a TypeError naming it', async () => {
    for (const endpoint of ['ftp://127.0.0.1:21/', 'file:///tmp/x', 'mailto:a@b.c']) {
      const error = await rejectionOf(connect(endpoint));
      assert.ok(error instanceof TypeError, `${endpoint}: got ${error}`);
      const scheme = new URL(endpoint).protocol;
      assert.ok(error.message.includes(scheme), `${endpoint}: ${error.message}`);
    }
  });

  test('bad options reject with a TypeError', async () => {
    const server = await startFakeServer();
    try {
      for (const options of [
        { endpoint: server.url, headers: { 'x-n': 5 } },
        { endpoint: server.url, maxMessageSize: 0 },
        { endpoint: server.url, maxMessageSize: 1.5 },
        { endpoint: server.url, protocolTimeout: -1 },
        { endpoint: server.url, timeout: 'soon' },
        { endpoint: server.url, timeout: -5 },
      ]) {
        const error = await rejectionOf(connect(options));
        assert.ok(error instanceof TypeError, `${util.inspect(options)}: got ${error}`);
      }
      assert.equal(server.upgradeRequests.length, 0, 'a connection was attempted with bad options');
    } finally {
      await server.close();
    }
  });

  test('an HTTP error or a bad /json/version names the endpoint and the problem', async (t) => {
    const answers = [
      [(_req, res) => res.writeHead(404).end('no such page'), /HTTP 404/],
      [(_req, res) => res.writeHead(200).end('<html>not json</html>'), /not JSON/],
      [(_req, res) => res.writeHead(200).end('{"Browser":"x"}'), /webSocketDebuggerUrl/],
    ];
    for (const [versionResponse, pattern] of answers) {
      const server = await startFakeServer({ versionResponse });
      t.after(() => server.close());
      const error = await rejectionOf(connect(server.httpUrl));
      assert.ok(error.message.includes(server.httpUrl), error.message);
      assert.match(error.message, pattern);
    }
  });

  test('a refused WebSocket upgrade names the endpoint and the status', async (t) => {
    const server = await startFakeServer({
      refuseUpgrade: { status: 403, body: 'Host header is specified and is not an IP address or localhost.' },
    });
    t.after(() => server.close());
    const error = await rejectionOf(connect(server.url));
    assert.ok(error.message.includes(server.url), error.message);
    assert.match(error.message, /403/);
  });

  test('a failed connect leaves nothing running: the process exits by itself', async (t) => {
    const refusing = await startFakeServer({ refuseUpgrade: { status: 500 } });
    t.after(() => refusing.close());
    const port = await closedPort();
    const script = `
      const { connect } = require(${JSON.stringify(path.join(__dirname, '..'))});
      (async () => {
        for (const endpoint of process.argv.slice(1)) {
          await connect(endpoint).then(() => console.log('connected?!'), () => console.log('rejected'));
        }
      })();`;
    const started = Date.now();
    const stdout = await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', script, `ws://127.0.0.1:${port}/devtools/browser/x`, `http://127.0.0.1:${port}`, refusing.url],
        { timeout: 60000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    assert.equal(stdout.trim().split('\n').join(','), 'rejected,rejected,rejected');
    // Starting Node and three failed connects; a process held open would run to the 60 s kill.
    assert.ok(Date.now() - started < patient(5000), `the process took ${Date.now() - started} ms to exit`);
  });
});

describe('connect() headers', () => {
  const headers = { 'X-Custom-Token': 'token-value-123', Authorization: 'Bearer abc.def' };

  function assertCarriesHeaders(request, what) {
    assert.ok(request, `no ${what} request`);
    assert.equal(request.headers['x-custom-token'], 'token-value-123', `${what}: ${util.inspect(request.headers)}`);
    assert.equal(request.headers.authorization, 'Bearer abc.def', `${what}: ${util.inspect(request.headers)}`);
    assert.equal(request.headers.origin, undefined, `${what} sent an Origin header`);
  }

  test('headers go on the /json/version request and the upgrade; no Origin header', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    const browser = await connect({ endpoint: server.httpUrl, headers });
    t.after(() => browser.disconnect());
    assert.equal(server.httpRequests.length, 1);
    assert.equal(server.httpRequests[0].url, '/json/version');
    assertCarriesHeaders(server.httpRequests[0], '/json/version');
    assert.equal(server.upgradeRequests.length, 1);
    assertCarriesHeaders(server.upgradeRequests[0], 'upgrade');
    // The session works over that connection.
    const page = await browser.newPage();
    assert.deepEqual(await page.send('Anything.works'), {});
  });

  test('headers go on the upgrade to a WebSocket URL; no Origin header', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    const browser = await connect({ endpoint: server.url, headers });
    t.after(() => browser.disconnect());
    assert.equal(server.httpRequests.length, 0);
    assertCarriesHeaders(server.upgradeRequests[0], 'upgrade');
  });

  test('without headers no Origin header is sent either', async (t) => {
    const server = await startFakeServer();
    t.after(() => server.close());
    const browser = await connect(server.httpUrl);
    t.after(() => browser.disconnect());
    assert.equal(server.httpRequests[0].headers.origin, undefined);
    assert.equal(server.upgradeRequests[0].headers.origin, undefined);
  });

  test('the WebSocket URL from /json/version is rewritten to the host and port given', async (t) => {
    // Chromium builds webSocketDebuggerUrl from the Host it was sent; only its path is kept.
    // The returned host and port are refused at once, should the client use them.
    const elsewhere = `ws://127.0.0.2:${await closedPort()}/devtools/browser/rewritten-id`;
    const server = await startFakeServer({
      versionResponse: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ webSocketDebuggerUrl: elsewhere }));
      },
    });
    t.after(() => server.close());
    const browser = await connect(server.httpUrl);
    t.after(() => browser.disconnect());
    assert.equal(server.upgradeRequests[0].url, '/devtools/browser/rewritten-id');
    assert.equal(browser.wsEndpoint, `ws://127.0.0.1:${server.port}/devtools/browser/rewritten-id`);
  });

  test('a host name is resolved, so Chromium is sent an IP Host header', async (t) => {
    const name = os.hostname();
    const { address } = await dns.lookup(name, { family: 4 }).catch(() => ({}));
    if (name === 'localhost' || !address?.startsWith('127.')) {
      t.skip(`the host name ${name} does not resolve to a loopback address`);
      return;
    }
    const server = await startFakeServer({ host: '0.0.0.0' });
    t.after(() => server.close());
    const browser = await connect(`http://${name}:${server.port}`);
    t.after(() => browser.disconnect());
    assert.ok(net.isIP(server.httpRequests[0].headers.host.replace(/:\d+$/, '')), server.httpRequests[0].headers.host);
    assert.ok(net.isIP(server.upgradeRequests[0].headers.host.replace(/:\d+$/, '')), server.upgradeRequests[0].headers.host);
  });

  test('a header value never appears in an error', async (t) => {
    const SECRET = 'S3CR3T-never-print-me';
    const port = await closedPort();
    const notFound = await startFakeServer({ versionResponse: (_req, res) => res.writeHead(401).end('unauthorized') });
    t.after(() => notFound.close());
    const refusing = await startFakeServer({ refuseUpgrade: { status: 401, body: 'bad token' } });
    t.after(() => refusing.close());
    const cases = [
      ['closed port (ws)', `ws://127.0.0.1:${port}/devtools/browser/x`, { authorization: `Bearer ${SECRET}` }],
      ['closed port (http)', `http://127.0.0.1:${port}`, { authorization: `Bearer ${SECRET}` }],
      ['HTTP 401 on /json/version', notFound.httpUrl, { authorization: `Bearer ${SECRET}` }],
      ['upgrade refused (http origin)', refusing.httpUrl, { authorization: `Bearer ${SECRET}` }],
      ['upgrade refused (ws URL)', refusing.url, { 'x-api-key': SECRET }],
      ['TLS to a plain server', `wss://127.0.0.1:${refusing.port}/devtools/browser/x`, { 'x-api-key': SECRET }],
      ['invalid header value (ws URL)', refusing.url, { 'x-api-key': `${SECRET}\r\nInjected: yes` }],
      ['invalid header value (http origin)', refusing.httpUrl, { 'x-api-key': `${SECRET}\r\nInjected: yes` }],
    ];
    for (const [what, endpoint, caseHeaders] of cases) {
      const error = await rejectionOf(connect({ endpoint, headers: caseHeaders }));
      assert.ok(error instanceof Error, `${what}: got ${util.inspect(error)}`);
      // The message, the stack, and the whole cause chain as printed.
      for (const text of [error.message, error.stack, util.inspect(error, { depth: 10 })]) {
        assert.ok(!text.includes(SECRET), `${what}: the header value leaked into the error:\n${text}`);
      }
    }
    // The failing requests did carry the secret: it was sent, just never echoed.
    assert.equal(notFound.httpRequests[0].headers.authorization, `Bearer ${SECRET}`);
    assert.equal(refusing.upgradeRequests.find((r) => r.headers['x-api-key'])?.headers['x-api-key'], SECRET);
  });
});
