'use strict';
// Sessions: newPage / newCDPSession / newBrowserCDPSession, targets() and version(), and
// every way a session ends (detach(), target closed elsewhere, crash) plus auto-attached
// child sessions. On both transports, against a real Chromium.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { CDPSession, Browser, TargetClosedError } = require('..');
const { NEVER, nextEvent, rejectionOf, settledWithin, sleep, suiteBrowser, TRANSPORTS } = require('./helpers');

/** Counts 'detached' emissions and keeps their arguments. */
function watchDetached(session) {
  const seen = [];
  session.on('detached', (info) => seen.push(info));
  return seen;
}

function assertTargetClosed(error, method, reasonPattern) {
  assert.ok(error instanceof TargetClosedError, `expected TargetClosedError, got ${error?.stack ?? error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'TargetClosedError');
  assert.equal(error.method, method);
  assert.ok(error.message.includes(method), `message does not name ${method}: ${error.message}`);
  assert.match(error.message, reasonPattern);
  // Never only "Target closed": the reason follows.
  assert.doesNotMatch(error.message, /Target closed\.?$/);
}

for (const transport of TRANSPORTS) {
  describe(`sessions over ${transport}`, () => {
    const state = suiteBrowser({ transport });

    test('newPage() returns a CDPSession with id, targetId and its Browser', async () => {
      const { browser } = state;
      assert.ok(browser instanceof Browser);
      const page = await browser.newPage();
      try {
        assert.ok(page instanceof CDPSession);
        assert.equal(typeof page.id, 'string');
        assert.ok(page.id.length > 0);
        assert.equal(typeof page.targetId, 'string');
        assert.ok(page.targetId.length > 0);
        assert.notEqual(page.id, page.targetId);
        assert.equal(page.connection, browser);
        assert.equal(page.browser, browser);
        const { result } = await page.send('Runtime.evaluate', { expression: 'location.href' });
        assert.equal(result.value, 'about:blank');
      } finally {
        await page.send('Page.close').catch(() => {});
      }
    });

    test('newPage(url) opens that URL', async () => {
      const page = await state.browser.newPage('data:text/html,<title>hello-title</title>');
      try {
        // The navigation may still be committing when the session comes up.
        let title;
        for (let i = 0; i < 50 && title !== 'hello-title'; i++) {
          ({
            result: { value: title },
          } = await page.send('Runtime.evaluate', { expression: 'document.title' }));
          if (title !== 'hello-title') await sleep(50);
        }
        assert.equal(title, 'hello-title');
      } finally {
        await page.send('Page.close').catch(() => {});
      }
    });

    test('targets() lists the page; version() has the product', async () => {
      const page = await state.browser.newPage();
      try {
        const targets = await state.browser.targets();
        assert.ok(Array.isArray(targets));
        const mine = targets.find((t) => t.targetId === page.targetId);
        assert.ok(mine, `page ${page.targetId} not in ${JSON.stringify(targets.map((t) => t.targetId))}`);
        assert.equal(mine.type, 'page');
        assert.equal(mine.attached, true);
        const version = await state.browser.version();
        assert.match(version.product, /^(Headless)?Chrome\/\d+/);
        assert.equal(typeof version.protocolVersion, 'string');
      } finally {
        await page.send('Page.close').catch(() => {});
      }
    });

    test('newCDPSession(targetId) attaches a second session to an existing target', async () => {
      const page = await state.browser.newPage();
      try {
        const second = await state.browser.newCDPSession(page.targetId);
        assert.ok(second instanceof CDPSession);
        assert.equal(second.targetId, page.targetId);
        assert.notEqual(second.id, page.id);
        assert.equal(second.browser, state.browser);
        await page.send('Runtime.evaluate', { expression: 'window.sharedMark = 4242' });
        const { result } = await second.send('Runtime.evaluate', { expression: 'window.sharedMark' });
        assert.equal(result.value, 4242);
        await second.detach();
        // The first session is unaffected by the second one's detach.
        const again = await page.send('Runtime.evaluate', { expression: 'window.sharedMark + 1' });
        assert.equal(again.result.value, 4243);
      } finally {
        await page.send('Page.close').catch(() => {});
      }
    });

    test('newCDPSession() of an unknown target rejects', async () => {
      await assert.rejects(state.browser.newCDPSession('0123456789ABCDEF0123456789ABCDEF'), (e) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, /Target\.attachToTarget/);
        return true;
      });
    });

    test('newBrowserCDPSession(): an id, no targetId, can send, can be detached', async () => {
      const session = await state.browser.newBrowserCDPSession();
      assert.ok(session instanceof CDPSession);
      assert.equal(typeof session.id, 'string');
      assert.ok(session.id.length > 0);
      assert.equal(session.targetId, undefined);
      assert.equal(session.browser, state.browser);
      const version = await session.send('Browser.getVersion');
      assert.match(version.product, /Chrome\/\d+/);
      const detached = watchDetached(session);
      await session.detach();
      assert.equal(detached.length, 1);
      assertTargetClosed(await rejectionOf(session.send('Browser.getVersion')), 'Browser.getVersion', /detach/);
      // The browser itself is still fine.
      assert.match((await state.browser.version()).product, /Chrome/);
    });

    test("detach(): resolves, 'detached' once, later sends reject, no more events, detach() again is a no-op", async () => {
      const page = await state.browser.newPage();
      const other = await state.browser.newCDPSession(page.targetId);
      try {
        await page.send('Runtime.enable');
        const events = [];
        page.on('event', (e) => events.push(e));
        const detached = watchDetached(page);
        // A steady stream of events that is still flowing when detach() runs.
        await page.send('Runtime.evaluate', { expression: "window.flood = setInterval(() => console.log('tick'), 1)" });
        await nextEvent(page, 'Runtime.consoleAPICalled');

        const result = await page.detach();
        assert.equal(result, undefined);
        assert.equal(detached.length, 1, "'detached' was not emitted by the time detach() resolved");
        assert.equal(typeof detached[0].reason, 'string');
        assert.match(detached[0].reason, /detach/);
        const countAtDetach = events.length;
        assert.ok(countAtDetach > 0);

        const error = await rejectionOf(page.send('Runtime.evaluate', { expression: '1' }));
        assertTargetClosed(error, 'Runtime.evaluate', /detach/);

        // The page keeps logging (seen by the other session), but nothing reaches the detached one.
        await other.send('Runtime.enable');
        const stillTicking = nextEvent(other, 'Runtime.consoleAPICalled');
        await other.send('Runtime.evaluate', { expression: "console.log('from-other')" });
        await stillTicking;
        await sleep(150);
        assert.equal(events.length, countAtDetach, 'events were emitted after detach() resolved');

        assert.equal(await page.detach(), undefined);
        await sleep(50);
        assert.equal(detached.length, 1, "'detached' fired more than once");
        // The target itself is still alive.
        const { result: alive } = await other.send('Runtime.evaluate', { expression: '6 * 7' });
        assert.equal(alive.value, 42);
      } finally {
        await other.send('Page.close').catch(() => {});
      }
    });

    test("a target closed elsewhere: 'detached' once with a reason, pending sends reject", async () => {
      const closer = await state.browser.newBrowserCDPSession();
      const page = await state.browser.newPage();
      try {
        const detached = watchDetached(page);
        const pending = Array.from({ length: 5 }, () => page.send('Runtime.evaluate', NEVER));
        const firstDetached = nextEvent(page, 'detached');
        await closer.send('Target.closeTarget', { targetId: page.targetId });
        const { reason } = await firstDetached;
        assert.equal(typeof reason, 'string');
        assert.match(reason, /closed|detached/i);
        const outcomes = await Promise.all(pending.map((p) => settledWithin(p, 2000)));
        for (const outcome of outcomes) {
          assert.notEqual(outcome, 'pending', 'a pending send hung after the target closed');
          assert.ok(outcome.error, `a pending send resolved: ${JSON.stringify(outcome.value)}`);
          assertTargetClosed(outcome.error, 'Runtime.evaluate', /closed|detached/i);
        }
        assertTargetClosed(await rejectionOf(page.send('Runtime.evaluate', { expression: '1' })), 'Runtime.evaluate', /closed|detached/i);
        await page.detach();
        await sleep(50);
        assert.equal(detached.length, 1);
      } finally {
        await closer.detach();
      }
    });

    test('a target closed by another page session sending Target.closeTarget', async () => {
      const page = await state.browser.newPage();
      const other = await state.browser.newPage();
      try {
        const detached = watchDetached(page);
        const pending = page.send('Runtime.evaluate', NEVER);
        const firstDetached = nextEvent(page, 'detached');
        await other.send('Target.closeTarget', { targetId: page.targetId });
        assert.match((await firstDetached).reason, /closed|detached/i);
        const outcome = await settledWithin(pending, 2000);
        assert.notEqual(outcome, 'pending');
        assertTargetClosed(outcome.error, 'Runtime.evaluate', /closed|detached/i);
        await sleep(50);
        assert.equal(detached.length, 1);
      } finally {
        await other.send('Page.close').catch(() => {});
      }
    });

    test("a page crash: 'detached' naming the crash, pending sends reject instead of hanging", async () => {
      const page = await state.browser.newPage();
      const detached = watchDetached(page);
      const pending = Array.from({ length: 3 }, () => page.send('Runtime.evaluate', NEVER));
      const firstDetached = nextEvent(page, 'detached');
      const crash = page.send('Page.crash').catch(() => {});
      const { reason } = await firstDetached;
      assert.match(reason, /crash/i);
      const outcomes = await Promise.all(pending.map((p) => settledWithin(p, 2000)));
      for (const outcome of outcomes) {
        assert.notEqual(outcome, 'pending', 'a pending send hung after the crash');
        assertTargetClosed(outcome.error, 'Runtime.evaluate', /crash/i);
      }
      assert.notEqual(await settledWithin(crash, 2000), 'pending');
      assertTargetClosed(await rejectionOf(page.send('Runtime.evaluate', { expression: '1' })), 'Runtime.evaluate', /crash/i);
      await page.detach();
      await sleep(50);
      assert.equal(detached.length, 1);
      // The browser and other pages carry on.
      const next = await state.browser.newPage();
      assert.equal((await next.send('Runtime.evaluate', { expression: '2+2' })).result.value, 4);
      await next.send('Page.close').catch(() => {});
    });

    test("auto-attach: a dedicated worker comes up as 'sessionattached' with a usable session", async () => {
      const page = await state.browser.newPage();
      try {
        const announced = [];
        page.on('sessionattached', (child) => announced.push(child));
        const attached = nextEvent(page, 'sessionattached');
        await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
        await page.send('Runtime.evaluate', {
          expression: "window.worker = new Worker(URL.createObjectURL(new Blob(['self.marker = 99; setInterval(() => {}, 1000)']))); 1",
        });
        const child = await attached;
        assert.ok(child instanceof CDPSession);
        assert.equal(typeof child.id, 'string');
        assert.notEqual(child.id, page.id);
        assert.equal(typeof child.targetId, 'string');
        assert.notEqual(child.targetId, page.targetId);
        assert.equal(child.browser, state.browser);
        const workerInfo = (await state.browser.targets()).find((t) => t.targetId === child.targetId);
        assert.equal(workerInfo?.type, 'worker');
        // Runs in the worker, not in the page.
        let value;
        for (let i = 0; i < 50 && value !== 'function:99'; i++) {
          const { result } = await child.send('Runtime.evaluate', {
            expression: "typeof WorkerGlobalScope + ':' + self.marker",
          });
          value = result.value;
          if (value !== 'function:99') await sleep(20);
        }
        assert.equal(value, 'function:99');
        const inPage = await page.send('Runtime.evaluate', { expression: 'typeof WorkerGlobalScope' });
        assert.equal(inPage.result.value, 'undefined');

        // Ending the worker ends its session.
        const childDetached = nextEvent(child, 'detached');
        await page.send('Runtime.evaluate', { expression: 'window.worker.terminate()' });
        assert.equal(typeof (await childDetached).reason, 'string');
        assert.equal(announced.length, 1);
      } finally {
        await page.send('Page.close').catch(() => {});
      }
    });

    test('sessions made by newPage()/newCDPSession() are not announced as sessionattached', async () => {
      const page = await state.browser.newPage();
      try {
        const announced = [];
        page.on('sessionattached', (child) => announced.push(child));
        const second = await state.browser.newCDPSession(page.targetId);
        const third = await state.browser.newPage();
        await sleep(50);
        assert.deepEqual(announced, []);
        await second.detach();
        await third.send('Page.close').catch(() => {});
      } finally {
        await page.send('Page.close').catch(() => {});
      }
    });
  });
}
