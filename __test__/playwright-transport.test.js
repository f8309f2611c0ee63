'use strict';
// Playwright (playwright-core, a devDependency) on cdp-native's transport:
// chromium.connectOverCDP(await playwrightTransport(options)), over a browser the transport
// launches and over { endpoint } to a running one, against real Chromium.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');
const { playwrightTransport } = require('..');
const { neverSettles, patient, settledWithin } = require('./helpers');
const { SOURCES, assertNothingLeft, assertScriptLeftNothing, assertPng, runScript } = require('./adapter-helpers');

for (const [name, open] of Object.entries(SOURCES)) {
  describe(`Playwright over playwrightTransport(), ${name}`, () => {
    it('drives pages: goto, title, evaluate, screenshot, a new page and a closed one', async (t) => {
      const { transport } = await open(playwrightTransport, t);
      const browser = await chromium.connectOverCDP(transport);
      t.after(() => browser.isConnected() && browser.close());
      const context = browser.contexts()[0];
      const page = await context.newPage();
      await page.goto('data:text/html,<title>over cdp-native</title><p>hello</p>');
      assert.equal(await page.title(), 'over cdp-native');
      assert.equal(await page.evaluate(() => document.querySelector('p').textContent + 6 * 7), 'hello42');
      assertPng(await page.screenshot());

      const second = await context.newPage();
      assert.equal(await second.evaluate(() => location.href), 'about:blank');
      await second.close();
      assert.equal(second.isClosed(), true);
      await assert.rejects(
        second.evaluate(() => 1),
        /closed/,
      );
      assert.ok(context.pages().includes(page), 'the first page is listed');
      assert.ok(!context.pages().includes(second), 'the closed page is not listed');
      // The first page still answers after the second was closed.
      assert.equal(await page.evaluate(() => 1 + 1), 2);
    });

    it('a killed browser: Playwright reports the disconnect, with the cause, and its pending calls reject', async (t) => {
      const { transport, kill } = await open(playwrightTransport, t);
      const browser = await chromium.connectOverCDP(transport);
      t.after(() => transport.close());
      const page = await browser.contexts()[0].newPage();
      const reasons = [];
      const libraryOnclose = transport.onclose;
      transport.onclose = (reason) => {
        reasons.push(reason);
        libraryOnclose(reason);
      };
      const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
      const pending = [page.evaluate(neverSettles), page.waitForFunction(() => false, undefined, { timeout: 0 })];
      kill();
      const bound = patient(2000);
      // Each is watched at once: a rejection is never left unhandled meanwhile.
      const watched = Promise.all(pending.map((call) => settledWithin(call, bound)));
      assert.notEqual(await settledWithin(disconnected, bound), 'pending', `no 'disconnected' within ${bound} ms`);
      for (const settled of await watched) {
        assert.notEqual(settled, 'pending', `a pending call did not reject within ${bound} ms`);
        assert.ok(settled.error, 'the pending call rejected');
      }
      assert.equal(browser.isConnected(), false);
      assert.equal(reasons.length, 1);
      // The cause sentence of lib/causes.js, for the medium of each source.
      assert.match(
        reasons[0],
        /the browser closed its pipe \(EOF\)|the WebSocket connection (ended|was reset) without a close frame|the WebSocket connection failed: |the browser closed the WebSocket/,
      );
    });
  });
}

describe('playwrightTransport(): its launched browser', () => {
  it('transport.close() leaves no browser process and no profile folder', async () => {
    const transport = await playwrightTransport();
    const child = transport.process;
    const browser = await chromium.connectOverCDP(transport);
    await (await browser.contexts()[0].newPage()).goto('data:text/html,<title>x</title>');
    const librarysOnclose = transport.onclose;
    let told = 0;
    transport.onclose = (reason) => {
      told += 1;
      librarysOnclose(reason);
    };
    // Playwright hands its transport's close to its client side a macrotask later.
    const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
    await transport.close();
    assert.equal(told, 1, 'onclose was called once before close() resolved');
    await disconnected;
    assert.equal(browser.isConnected(), false);
    await assertNothingLeft(child);
  });

  it("browser.close() does the same, through Playwright's own close", async () => {
    const transport = await playwrightTransport({ transport: 'websocket' });
    const child = transport.process;
    const browser = await chromium.connectOverCDP(transport);
    await browser.close();
    await assertNothingLeft(child);
  });

  it('a script that uses it exits by itself, leaving nothing behind', async (t) => {
    const { code, stdout, stderr } = await runScript(
      t,
      `
const { chromium } = require('playwright-core');
const { playwrightTransport } = require(CDP_NATIVE);
(async () => {
  const transport = await playwrightTransport();
  console.log(JSON.stringify({ pid: transport.process.pid, args: transport.process.spawnargs }));
  const browser = await chromium.connectOverCDP(transport);
  const page = await browser.contexts()[0].newPage();
  await page.goto('data:text/html,<title>script</title>');
  console.log(await page.title());
  await browser.close();
})();
`,
    );
    await assertScriptLeftNothing({ code, stdout, stderr }, 'script');
  });

  it('bad options are refused, naming what was wrong, before anything is launched', async () => {
    await assert.rejects(playwrightTransport({ userDataDirectory: '/tmp' }), {
      name: 'TypeError',
      message: /playwrightTransport\(\): unknown option 'userDataDirectory'; did you mean 'userDataDir'\?/,
    });
    await assert.rejects(playwrightTransport({ endpoint: 'http://127.0.0.1:1', headers: { 'bad name': 'x' } }), {
      name: 'TypeError',
      message: /playwrightTransport\(\): headers: invalid header/,
    });
  });
});
