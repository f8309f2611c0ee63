'use strict';
// Puppeteer (puppeteer-core, a devDependency) on cdp-native's transport:
// puppeteer.connect({ transport: await puppeteerTransport(options) }), over a browser the
// transport launches and over { endpoint } to a running one, against real Chromium.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const puppeteer = require('puppeteer-core');
const { puppeteerTransport } = require('..');
const { neverSettles, patient, settledWithin } = require('./helpers');
const { SOURCES, assertNothingLeft, assertScriptLeftNothing, assertPng, runScript } = require('./adapter-helpers');

for (const [name, open] of Object.entries(SOURCES)) {
  describe(`Puppeteer over puppeteerTransport(), ${name}`, () => {
    it('drives pages: goto, title, evaluate, screenshot, pdf, a new page and a closed one', async (t) => {
      const { transport } = await open(puppeteerTransport, t);
      const browser = await puppeteer.connect({ transport, defaultViewport: null });
      t.after(() => browser.connected && browser.close());
      const page = await browser.newPage();
      await page.goto('data:text/html,<title>over cdp-native</title><p>hello</p>');
      assert.equal(await page.title(), 'over cdp-native');
      assert.equal(await page.evaluate(() => document.querySelector('p').textContent + 6 * 7), 'hello42');
      assertPng(await page.screenshot());
      const pdf = Buffer.from(await page.pdf());
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

      const second = await browser.newPage();
      assert.equal(await second.evaluate(() => location.href), 'about:blank');
      await second.close();
      assert.equal(second.isClosed(), true);
      await assert.rejects(second.evaluate(() => 1));
      const pages = await browser.pages();
      assert.ok(pages.includes(page), 'the first page is listed');
      assert.ok(!pages.includes(second), 'the closed page is not listed');
      // The first page still answers after the second was closed.
      assert.equal(await page.evaluate(() => 1 + 1), 2);
    });

    it('a killed browser: Puppeteer reports the disconnect and its pending calls reject', async (t) => {
      const { transport, kill } = await open(puppeteerTransport, t);
      const browser = await puppeteer.connect({ transport, defaultViewport: null, protocolTimeout: 0 });
      t.after(() => transport.close());
      const page = await browser.newPage();
      let oncloseCalls = 0;
      const libraryOnclose = transport.onclose;
      transport.onclose = () => {
        oncloseCalls++;
        libraryOnclose();
      };
      const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
      const pending = [page.evaluate(neverSettles), page.waitForFunction(() => false, { timeout: 0 })];
      kill();
      const bound = patient(2000);
      // Each is watched at once: a rejection is never left unhandled meanwhile.
      const watched = Promise.all(pending.map((call) => settledWithin(call, bound)));
      assert.notEqual(await settledWithin(disconnected, bound), 'pending', `no 'disconnected' within ${bound} ms`);
      for (const settled of await watched) {
        assert.notEqual(settled, 'pending', `a pending call did not reject within ${bound} ms`);
        assert.ok(settled.error, 'the pending call rejected');
      }
      assert.equal(browser.connected, false);
      assert.equal(oncloseCalls, 1);
    });
  });
}

describe('puppeteerTransport(): its launched browser', () => {
  it('transport.close() leaves no browser process and no profile folder', async () => {
    const transport = await puppeteerTransport();
    const child = transport.process;
    const browser = await puppeteer.connect({ transport, defaultViewport: null });
    await (await browser.newPage()).goto('data:text/html,<title>x</title>');
    await transport.close();
    assert.equal(browser.connected, false);
    await assertNothingLeft(child);
  });

  it("browser.close() does the same, through Puppeteer's own close", async () => {
    const transport = await puppeteerTransport({ transport: 'websocket' });
    const child = transport.process;
    const browser = await puppeteer.connect({ transport, defaultViewport: null });
    await browser.close();
    await assertNothingLeft(child);
  });

  it('a script that uses it exits by itself, leaving nothing behind', async (t) => {
    const { code, stdout, stderr } = await runScript(
      t,
      `
const puppeteer = require('puppeteer-core');
const { puppeteerTransport } = require(CDP_NATIVE);
(async () => {
  const transport = await puppeteerTransport();
  console.log(JSON.stringify({ pid: transport.process.pid, args: transport.process.spawnargs }));
  const browser = await puppeteer.connect({ transport });
  const page = await browser.newPage();
  await page.goto('data:text/html,<title>script</title>');
  console.log(await page.title());
  await browser.close();
})();
`,
    );
    await assertScriptLeftNothing({ code, stdout, stderr }, 'script');
  });

  it('bad options are refused, naming what was wrong, before anything is launched', async () => {
    await assert.rejects(puppeteerTransport({ headles: true }), {
      name: 'TypeError',
      message: /puppeteerTransport\(\): unknown option 'headles'; did you mean 'headless'\?/,
    });
    await assert.rejects(puppeteerTransport({ protocolTimeout: 5 }), {
      name: 'TypeError',
      message: /puppeteerTransport\(\): protocolTimeout is not used here/,
    });
    await assert.rejects(puppeteerTransport({ endpoint: 'ftp://x' }), { name: 'TypeError', message: /unsupported protocol ftp:/ });
  });
});
