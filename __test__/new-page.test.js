'use strict';
// browser.newPage(url, { waitUntil, timeout }): resolves once the page reached that point, with
// no race (the wait is subscribed before navigating); a failed or late page is closed. Against
// a real Chromium on both transports, with a page server on 127.0.0.1 that holds an image
// until the test lets it go, so "loaded" and "not yet loaded" are facts, not timings.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { TimeoutError } = require('..');
const { TRANSPORTS, rejectionOf, settledWithin, suiteBrowser } = require('./helpers');

/**
 * A server of `/page` (HTML with one image), `/image` (answered at once, or held from `hold()`
 * until `release()`) and `/never` (never answered).
 */
function pageServer() {
  const held = [];
  let holding = false;
  const server = http.createServer((request, response) => {
    if (request.url.startsWith('/never')) return;
    if (request.url.startsWith('/image')) {
      if (holding) held.push(response);
      else response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<title>held</title><img src="/image">');
  });
  return {
    origin: undefined,
    async start() {
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      this.origin = `http://127.0.0.1:${server.address().port}`;
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const response of held.splice(0)) response.end();
    },
    get heldCount() {
      return held.length;
    },
    stop() {
      this.release();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const evaluate = async (page, expression) => (await page.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;

/** The ids of the browser's page targets. */
async function pageIds(browser) {
  return (await browser.targets()).filter((t) => t.type === 'page').map((t) => t.targetId);
}

/** The pages open now that were not in `before`: what a failed newPage() must not leave. */
async function newPagesSince(browser, before) {
  return (await pageIds(browser)).filter((id) => !before.includes(id));
}

/** Closes the page and waits until its session has ended, so the next test starts clean. */
async function closePage(page) {
  const ended = page.waitForEvent('detached');
  await page.send('Target.closeTarget', { targetId: page.targetId });
  await ended;
}

for (const transport of TRANSPORTS) {
  describe(`newPage(url) over ${transport}`, () => {
    const state = suiteBrowser({ transport });
    const pages = pageServer();
    before(() => pages.start());
    after(() => pages.stop());

    test('by default it resolves after the load: twenty pages in a row see their own document', async () => {
      for (let i = 0; i < 20; i++) {
        const page = await state.browser.newPage(`data:text/html,<title>page-${i}</title><script>for (let j = 0; j < 1e5; j++);</script>`);
        assert.equal(await evaluate(page, 'document.title'), `page-${i}`);
        assert.equal(await evaluate(page, 'document.readyState'), 'complete');
        await closePage(page);
      }
    });

    test("waitUntil 'load' waits for the page's image; the session is left with Page disabled", async () => {
      pages.hold();
      const opening = state.browser.newPage(`${pages.origin}/page`);
      // Not before the held image is served, however long that takes.
      while (pages.heldCount === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await settledWithin(opening, 300), 'pending');
      pages.release();
      const page = await opening;
      assert.equal(await evaluate(page, 'document.readyState'), 'complete');
      assert.equal(await evaluate(page, 'document.title'), 'held');
      // Page.disable was sent: a navigation now brings no Page events.
      let pageEvents = 0;
      page.on('event', ({ method }) => method.startsWith('Page.') && pageEvents++);
      await page.send('Runtime.evaluate', { expression: 'location.hash = "x"' });
      await evaluate(page, '1');
      assert.equal(pageEvents, 0);
      await closePage(page);
    });

    test("waitUntil 'domcontentloaded' resolves while the image is still held; 'none' once attached", async () => {
      pages.hold();
      const page = await state.browser.newPage(`${pages.origin}/page`, { waitUntil: 'domcontentloaded' });
      assert.equal(await evaluate(page, 'document.title'), 'held');
      assert.equal(await evaluate(page, 'document.readyState'), 'interactive');
      // Resolving at all while every image is held shows it waited for no load. (Its document
      // may still be the initial about:blank, which is why 'none' is not the default.)
      const unloaded = await state.browser.newPage(`${pages.origin}/page`, { waitUntil: 'none' });
      assert.ok(pages.heldCount >= 1, 'the images are still held');
      pages.release();
      for (const p of [page, unloaded]) await closePage(p);
    });

    test('a failed navigation rejects naming the url and the error, and closes the page', async () => {
      const before = await pageIds(state.browser);
      const url = 'http://127.0.0.1:1/';
      const error = await rejectionOf(state.browser.newPage(url));
      assert.match(error.message, /Page\.navigate to http:\/\/127\.0\.0\.1:1\/ failed: net::ERR_/);
      assert.deepEqual(await newPagesSince(state.browser, before), []);
    });

    test('timeout: a TimeoutError naming the url and waitUntil, and the page is closed', async () => {
      const before = await pageIds(state.browser);
      const error = await rejectionOf(state.browser.newPage(`${pages.origin}/never`, { timeout: 300 }));
      assert.ok(error instanceof TimeoutError, error.stack);
      assert.match(error.message, /\/never: the page did not reach 'load' within 300 ms/);
      assert.match(error.stack, /new-page\.test\.js/);
      assert.deepEqual(await newPagesSince(state.browser, before), []);
    });

    test('bad options reject with a TypeError and open nothing', async () => {
      const before = await pageIds(state.browser);
      const cases = [
        [[42], /url must be a non-empty string/],
        [['data:text/html,x', { waitUntil: 'networkidle' }], /waitUntil must be one of 'load', 'domcontentloaded', 'none'/],
        [['data:text/html,x', { timeout: -5 }], /timeout must be a number/],
        [['data:text/html,x', { waitUntill: 'load' }], /unknown option "waitUntill"/],
        [['data:text/html,x', 'load'], /options must be an object/],
      ];
      for (const [args, message] of cases) {
        const error = await rejectionOf(state.browser.newPage(...args));
        assert.ok(error instanceof TypeError, String(error));
        assert.match(error.message, message);
      }
      assert.deepEqual(await newPagesSince(state.browser, before), []);
    });
  });
}
