'use strict';
// What cdp-native promises about security, one test each: launch() uses the pipe by default and
// opens no port at all; over a WebSocket the port is random and on 127.0.0.1 only, and no web
// origin is allowed in; the temporary profile is private (0700) and removed on close, on Node
// exit and after a browser crash; connect() accepts only ws/wss/http/https; header values never
// reach an error or the protocol log; a command over Chromium's 100 MiB read limit is refused
// before anything is sent (over the pipe here; over a WebSocket in faults.test.js).

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launch, connect } = require('..');
const { isAlive, patient, profileDirOf, rejectionOf, sleep } = require('./helpers');
const { startFakeServer } = require('./fixtures/fake-cdp-server');
const { launchFakePipeBrowser } = require('./fixtures/fake-pipe-browser');
const { listeningSockets, processTree } = require('../scripts/proc-stats');

/** 127.0.0.1 as /proc/net/tcp writes it (little-endian hex). */
const LOOPBACK_V4 = 'tcp:0100007F';

async function waitUntilGone(file, ms = 5000) {
  for (let waited = 0; fs.existsSync(file) && waited < ms; waited += 100) await sleep(100);
  return !fs.existsSync(file);
}

describe('launch() exposes no debugging port by default', () => {
  test('the default transport is the pipe: no port flag, no listening socket in the whole browser process tree', async (t) => {
    const browser = await launch();
    t.after(() => browser.close());
    const args = browser.process.spawnargs;
    assert.ok(args.includes('--remote-debugging-pipe'), args.join(' '));
    assert.ok(!args.some((a) => a.startsWith('--remote-debugging-port') || a.startsWith('--remote-debugging-address')), args.join(' '));
    assert.equal(browser.wsEndpoint, undefined);
    // Let the browser start its helper processes, then look at all of them.
    const page = await browser.newPage();
    await page.send('Runtime.evaluate', { expression: '1' });
    const tree = processTree(browser.process.pid);
    assert.ok(tree.length > 1, `expected Chromium's helper processes under ${browser.process.pid}`);
    assert.deepEqual(listeningSockets(tree), [], `processes ${tree.join(', ')} listen on TCP`);
    assert.equal(fs.existsSync(path.join(profileDirOf(args), 'DevToolsActivePort')), false);
  });
});

describe("launch({ transport: 'websocket' })", () => {
  test('listens on 127.0.0.1 only, on a random port (never 9222), and lets no web origin in', async (t) => {
    const ports = [];
    for (let i = 0; i < 2; i++) {
      const browser = await launch({ transport: 'websocket' });
      t.after(() => browser.close());
      const args = browser.process.spawnargs;
      assert.ok(args.includes('--remote-debugging-port=0'), args.join(' '));
      assert.ok(args.includes('--remote-debugging-address=127.0.0.1'), args.join(' '));
      // Chromium refuses WebSocket upgrades that carry an Origin unless told to allow it: a web
      // page must never be able to drive the browser.
      assert.ok(!args.some((a) => a.startsWith('--remote-allow-origins')), args.join(' '));
      const endpoint = new URL(browser.wsEndpoint);
      assert.equal(endpoint.hostname, '127.0.0.1');
      const port = Number(endpoint.port);
      const sockets = listeningSockets(processTree(browser.process.pid));
      assert.deepEqual(sockets, [{ address: LOOPBACK_V4, port }], `listening: ${JSON.stringify(sockets)}`);
      ports.push(port);
    }
    assert.notEqual(ports[0], ports[1], `two launches got the same port ${ports[0]}`);
    assert.ok(!ports.includes(9222), `a well-known port: ${ports}`);
  });
});

describe('the temporary profile', () => {
  test('is a fresh 0700 folder per launch, removed on close()', async () => {
    const [a, b] = await Promise.all([launch(), launch()]);
    const profiles = [a, b].map((browser) => profileDirOf(browser.process.spawnargs));
    try {
      assert.notEqual(profiles[0], profiles[1]);
      for (const profile of profiles) {
        assert.equal(path.dirname(profile), os.tmpdir());
        const stat = fs.statSync(profile);
        assert.equal(stat.mode & 0o777, 0o700, `${profile} has mode ${(stat.mode & 0o777).toString(8)}`);
        assert.equal(stat.uid, process.getuid());
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    for (const profile of profiles) assert.equal(fs.existsSync(profile), false, `${profile} was left after close()`);
  });

  test('is removed after the browser crashes (SIGKILL), without close()', async (t) => {
    const browser = await launch();
    t.after(() => browser.close());
    const profile = profileDirOf(browser.process.spawnargs);
    assert.ok(fs.existsSync(profile));
    browser.process.kill('SIGKILL');
    assert.equal(await waitUntilGone(profile), true, `${profile} was left after the browser was killed`);
  });

  test('is removed, and the browser killed, when Node exits with browsers open', async () => {
    // Three at once: the browser's helper processes may still write into a profile for a
    // moment after the browser itself is killed, which is what this has to survive.
    const script = `
      const { launch } = require(${JSON.stringify(path.join(__dirname, '..'))});
      Promise.all([launch(), launch(), launch()]).then((browsers) => {
        const launched = browsers.map((browser) => ({
          pid: browser.process.pid,
          profile: browser.process.spawnargs.find((a) => a.startsWith('--user-data-dir=')).slice(16),
        }));
        console.log(JSON.stringify(launched));
        process.exit(0);
      });`;
    const stdout = await new Promise((resolve, reject) => {
      execFile(process.execPath, ['-e', script], { timeout: 60000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      );
    });
    const launched = JSON.parse(stdout);
    assert.equal(launched.length, 3);
    for (const { pid } of launched) {
      for (let i = 0; i < 30 && isAlive(pid); i++) await sleep(100);
      assert.equal(isAlive(pid), false, `browser ${pid} outlived Node`);
    }
    // Give any straggling helper a moment: what is left now stays left, Node is gone.
    await sleep(2000);
    const left = launched.filter(({ profile }) => fs.existsSync(profile));
    assert.deepEqual(
      left,
      [],
      `profiles outlived Node: ${left.map(({ profile }) => `${profile} [${fs.readdirSync(profile).join(', ')}]`).join('; ')}`,
    );
  });
});

describe('connect() accepts only ws, wss, http and https', () => {
  test('any other scheme rejects at once with a TypeError naming it', async () => {
    const endpoints = [
      'file:///etc/passwd',
      'ftp://127.0.0.1:21/',
      'javascript:alert(1)',
      'data:text/plain,ws://127.0.0.1:9222/',
      'ws+unix:///var/run/chrome.sock',
      'gopher://127.0.0.1:9222/',
      'chrome://version',
    ];
    for (const endpoint of endpoints) {
      const started = Date.now();
      const error = await rejectionOf(connect(endpoint));
      assert.ok(error instanceof TypeError, `${endpoint}: got ${error}`);
      assert.ok(error.message.includes(new URL(endpoint).protocol), `${endpoint}: ${error.message}`);
      assert.ok(Date.now() - started < patient(1000), `${endpoint}: took ${Date.now() - started} ms`);
    }
  });
});

describe('header values stay secret', () => {
  test('never in the DEBUG=* protocol log nor in any error, though they are sent', async (t) => {
    const SECRET = 'SECRET123-do-not-print';
    const server = await startFakeServer();
    t.after(() => server.close());
    const refusing = await startFakeServer({ refuseUpgrade: { status: 401, body: 'bad token' } });
    t.after(() => refusing.close());
    // A child with the log on: connects with the secret (by URL and by HTTP origin), sends,
    // fails to connect with it, and prints every error it gets in full.
    const script = `
      const util = require('node:util');
      const { connect } = require(${JSON.stringify(path.join(__dirname, '..'))});
      const headers = { Authorization: 'Bearer ${SECRET}', 'X-Api-Key': '${SECRET}' };
      (async () => {
        for (const endpoint of process.argv.slice(1, 3)) {
          const browser = await connect({ endpoint, headers });
          const page = await browser.newPage();
          await page.send('Runtime.evaluate', { expression: '1' });
          await page.send('', {}).catch((e) => console.log(util.inspect(e)));
          await browser.disconnect();
        }
        for (const endpoint of process.argv.slice(3)) {
          await connect({ endpoint, headers }).catch((e) => console.log(util.inspect(e, { depth: 10 })));
        }
        console.log('done');
      })();`;
    const env = { ...process.env, DEBUG: '*' };
    const { stdout, stderr } = await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', script, server.url, server.httpUrl, refusing.url, refusing.httpUrl],
        { env, timeout: 30000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err })),
      );
    });
    assert.match(stdout, /done\n$/);
    assert.match(stderr, /cdp-native:protocol.*SEND/, 'the protocol log was not on');
    assert.match(stdout, /401/, 'the refused connects did not fail as expected');
    assert.ok(
      !stderr.includes(SECRET),
      `the secret is in the log:\n${stderr
        .split('\n')
        .filter((l) => l.includes(SECRET))
        .join('\n')}`,
    );
    assert.ok(!stdout.includes(SECRET), `the secret is in an error:\n${stdout}`);
    // It was sent all the same, where it belongs.
    assert.equal(server.upgradeRequests[0].headers.authorization, `Bearer ${SECRET}`);
    assert.equal(server.httpRequests[0].headers['x-api-key'], SECRET);
    assert.equal(refusing.upgradeRequests[0].headers.authorization, `Bearer ${SECRET}`);
  });
});

describe('outgoing messages over 100 MiB', () => {
  test('over the pipe: refused with a RangeError before anything is sent; the session stays usable', async (t) => {
    const browser = await launchFakePipeBrowser(t);
    const page = await browser.newCDPSession('T1');
    const received = async () => (await page.send('Fake.received')).messages.map((m) => m.method);
    const before = (await received()).length;
    const error = await rejectionOf(page.send('Runtime.evaluate', { expression: 'x'.repeat(100 * 1024 * 1024) }));
    assert.ok(error instanceof RangeError, `got ${error}`);
    assert.match(error.message, /Runtime\.evaluate/);
    assert.match(error.message, /104857600/);
    assert.deepEqual(await page.send('After.tooLarge'), {});
    // After the first Fake.received the fake saw After.tooLarge and this Fake.received: nothing else.
    assert.deepEqual((await received()).slice(before), ['After.tooLarge', 'Fake.received']);
  });
});
