// The core of the tests, for any runtime (Node, Bun, Deno): launch over both transports, send,
// events, waitForEvent, detach, SIGKILL with calls pending, connect, and the process exiting by
// itself at the end (whoever runs this bounds how long it may take). No test runner: it prints
// one line per check and "N passed, N failed" last; the exit code is 1 if any failed.
//
//   node __test__/runtimes/core.mjs                       (imports the repository's index.mjs)
//   CDP_NATIVE_MODULE=cdp-native bun core.mjs             (from a project that installed it)
//   CDP_NATIVE_MODULE=cdp-native deno run <flags> core.mjs

import assert from 'node:assert/strict';

const specifier = process.env.CDP_NATIVE_MODULE ?? new URL('../../index.mjs', import.meta.url).href;
const { launch, connect, TargetClosedError } = await import(specifier);

const runtime = globalThis.Deno
  ? `Deno ${Deno.version.deno}`
  : process.versions.bun
    ? `Bun ${process.versions.bun}`
    : `Node ${process.version}`;
const checks = [];
const check = (name, fn) => checks.push({ name, fn });

for (const transport of ['pipe', 'websocket']) {
  check(`${transport}: launch, newPage(url) waits for the load, send resolves with the result`, async () => {
    const browser = await launch({ transport });
    try {
      assert.match((await browser.version()).product, /Chrome\//);
      const page = await browser.newPage('data:text/html,<title>core</title>');
      const { result } = await page.send('Runtime.evaluate', { expression: 'document.title + (6 * 7)', returnByValue: true });
      assert.equal(result.value, 'core42');
      if (transport === 'websocket') assert.match(browser.wsEndpoint, /^ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\//);
      else assert.equal(browser.wsEndpoint, undefined);
    } finally {
      await browser.close();
    }
  });

  check(`${transport}: events arrive in order; waitForEvent and session.api wait for one`, async () => {
    const browser = await launch({ transport });
    try {
      const page = await browser.newPage();
      const logged = [];
      page.on('Runtime.consoleAPICalled', ({ args }) => logged.push(args[0].value));
      await page.send('Runtime.enable');
      const third = page.waitForEvent('Runtime.consoleAPICalled', { predicate: ({ args }) => args[0].value === 3, timeout: 10000 });
      await page.send('Runtime.evaluate', { expression: 'console.log(1); console.log(2); console.log(3)' });
      await third;
      assert.deepEqual(logged, [1, 2, 3]);
      const { Page } = page.api;
      await Page.enable();
      const loaded = Page.loadEventFired({ timeout: 10000 });
      await Page.navigate({ url: 'data:text/html,again' });
      assert.equal(typeof (await loaded).timestamp, 'number');
    } finally {
      await browser.close();
    }
  });

  check(`${transport}: detach ends the session; later sends reject with TargetClosedError`, async () => {
    const browser = await launch({ transport });
    try {
      const page = await browser.newPage();
      const detached = page.waitForEvent('detached');
      await page.detach();
      assert.match((await detached).reason, /detach\(\) was called/);
      await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }), TargetClosedError);
    } finally {
      await browser.close();
    }
  });

  check(`${transport}: SIGKILL with 50 calls pending rejects them all and reports the disconnect`, async () => {
    const browser = await launch({ transport });
    const page = await browser.newPage();
    // Kept reachable, as helpers.js's NEVER (this file runs alone, from other projects): V8
    // may collect an unreachable promise, and Chromium then answers "Promise was collected".
    const never = { expression: 'new Promise((resolve) => (globalThis.__neverSettled ??= []).push(resolve))', awaitPromise: true };
    const pending = Array.from({ length: 50 }, () =>
      page.send('Runtime.evaluate', never).then(
        () => 'resolved',
        (error) => error,
      ),
    );
    // Every call has left before the kill.
    await page.send('Runtime.evaluate', { expression: '1' });
    const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
    browser.process.kill('SIGKILL');
    const outcomes = await Promise.all(pending);
    assert.ok(
      outcomes.every((o) => o instanceof TargetClosedError),
      String(outcomes.find((o) => !(o instanceof TargetClosedError))),
    );
    assert.equal(typeof (await disconnected).reason, 'string');
    assert.equal(browser.connected, false);
    await browser.close();
  });
}

check('websocket: connect() to a launched browser, then disconnect() leaves it running', async () => {
  const browser = await launch({ transport: 'websocket' });
  try {
    const other = await connect(browser.wsEndpoint);
    const page = await other.newPage('data:text/html,<title>second</title>');
    assert.equal((await page.send('Runtime.evaluate', { expression: 'document.title' })).result.value, 'second');
    await other.disconnect();
    assert.equal(browser.connected, true);
    assert.match((await browser.version()).product, /Chrome\//);
  } finally {
    await browser.close();
  }
});

console.log(`cdp-native core tests on ${runtime}`);
let passed = 0;
let failed = 0;
for (const { name, fn } of checks) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).replaceAll('\n', '\n  ')}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
// No process.exit(): the process must end by itself, nothing of cdp-native holding it open.
process.exitCode = failed === 0 ? 0 : 1;
