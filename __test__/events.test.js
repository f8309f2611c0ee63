'use strict';
// Protocol events: by method name (params), the 'event' catch-all ({ method, params }),
// once/off/removeListener, no cross-talk between sessions, and the Animation example of
// API.md. On both transports, against a real Chromium.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { TRANSPORTS, suiteBrowser, nextEvent } = require('./helpers');

/** Collects every emission of `eventName` on `emitter` into an array. */
function collect(emitter, eventName) {
  const seen = [];
  emitter.on(eventName, (value) => seen.push(value));
  return seen;
}

/** Resolves with the first emission of `eventName` for which `predicate` holds. */
function eventMatching(emitter, eventName, predicate, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(eventName, listener);
      reject(new Error(`no matching ${eventName} within ${timeoutMs} ms`));
    }, timeoutMs);
    function listener(value) {
      if (!predicate(value)) return;
      clearTimeout(timer);
      emitter.off(eventName, listener);
      resolve(value);
    }
    emitter.on(eventName, listener);
  });
}

const consoleText = (params) => params.args?.[0]?.value;

for (const transport of TRANSPORTS) {
  describe(`events over ${transport}`, () => {
    const state = suiteBrowser({ transport });
    let page;
    before(async () => {
      page = await state.browser.newPage();
      await page.send('Runtime.enable');
    });

    test('an event by its method name gets the params object', async () => {
      const event = eventMatching(page, 'Runtime.consoleAPICalled', (p) => consoleText(p) === 'hi');
      await page.send('Runtime.evaluate', { expression: "console.log('hi')" });
      const params = await event;
      assert.equal(params.type, 'log');
      assert.equal(params.args[0].type, 'string');
      assert.equal(params.args[0].value, 'hi');
      assert.equal(typeof params.executionContextId, 'number');
      // The listener gets params, not the whole message.
      assert.equal(params.method, undefined);
      assert.equal(params.params, undefined);
    });

    test("the catch-all 'event' gets { method, params }", async () => {
      const all = collect(page, 'event');
      try {
        const done = eventMatching(page, 'Runtime.consoleAPICalled', (p) => consoleText(p) === 'catch-all');
        await page.send('Runtime.evaluate', { expression: "console.log('catch-all')" });
        await done;
        const match = all.find((e) => e.method === 'Runtime.consoleAPICalled' && consoleText(e.params) === 'catch-all');
        assert.ok(match, `no catch-all event among ${JSON.stringify(all.map((e) => e.method))}`);
        assert.deepEqual(Object.keys(match).sort(), ['method', 'params']);
        assert.equal(match.params.args[0].value, 'catch-all');
        for (const e of all) {
          assert.equal(typeof e.method, 'string');
          assert.match(e.method, /\./);
        }
      } finally {
        page.removeAllListeners('event');
      }
    });

    test('once() fires a single time', async () => {
      let calls = 0;
      const received = [];
      page.once('Runtime.consoleAPICalled', (params) => {
        calls++;
        received.push(consoleText(params));
      });
      const second = eventMatching(page, 'Runtime.consoleAPICalled', (p) => consoleText(p) === 'once-2');
      await page.send('Runtime.evaluate', { expression: "console.log('once-1'); console.log('once-2')" });
      await second;
      assert.equal(calls, 1);
      assert.deepEqual(received, ['once-1']);
      assert.equal(page.listenerCount('Runtime.consoleAPICalled'), 0);
    });

    test('off() and removeListener() stop delivery to that listener only', async () => {
      const offed = [];
      const removed = [];
      const kept = [];
      const offListener = (p) => offed.push(consoleText(p));
      const removedListener = (p) => removed.push(consoleText(p));
      page.on('Runtime.consoleAPICalled', offListener);
      page.addListener('Runtime.consoleAPICalled', removedListener);
      page.on('Runtime.consoleAPICalled', (p) => kept.push(consoleText(p)));
      try {
        const first = eventMatching(page, 'Runtime.consoleAPICalled', (p) => consoleText(p) === 'before-off');
        await page.send('Runtime.evaluate', { expression: "console.log('before-off')" });
        await first;
        page.off('Runtime.consoleAPICalled', offListener);
        page.removeListener('Runtime.consoleAPICalled', removedListener);
        const second = eventMatching(page, 'Runtime.consoleAPICalled', (p) => consoleText(p) === 'after-off');
        await page.send('Runtime.evaluate', { expression: "console.log('after-off')" });
        await second;
        assert.deepEqual(offed, ['before-off']);
        assert.deepEqual(removed, ['before-off']);
        assert.deepEqual(kept, ['before-off', 'after-off']);
      } finally {
        page.removeAllListeners('Runtime.consoleAPICalled');
      }
    });

    test("each page's events arrive only on its own session", async () => {
      const pages = await Promise.all([0, 1, 2].map(() => state.browser.newPage()));
      try {
        await Promise.all(pages.map((p) => p.send('Runtime.enable')));
        const logs = pages.map((p) => collect(p, 'Runtime.consoleAPICalled'));
        const caught = pages.map((p) => collect(p, 'event'));
        const pageLogs = collect(page, 'Runtime.consoleAPICalled');
        const browserEvents = collect(state.browser, 'Runtime.consoleAPICalled');
        const last = pages.map((p, i) => eventMatching(p, 'Runtime.consoleAPICalled', (e) => consoleText(e) === `page-${i}-last`));
        // All pages log at once, interleaved on the one connection.
        await Promise.all(
          pages.map((p, i) =>
            p.send('Runtime.evaluate', {
              expression: `for (let k = 0; k < 20; k++) console.log('page-${i}-' + k); console.log('page-${i}-last')`,
            }),
          ),
        );
        await Promise.all(last);
        pages.forEach((_page, i) => {
          const texts = logs[i].map(consoleText);
          assert.equal(texts.length, 21, `page ${i} got ${texts.length} console events`);
          assert.deepEqual(texts, [...Array.from({ length: 20 }, (_, k) => `page-${i}-${k}`), `page-${i}-last`]);
          const fromCatchAll = caught[i].filter((e) => e.method === 'Runtime.consoleAPICalled').map((e) => consoleText(e.params));
          assert.deepEqual(fromCatchAll, texts);
        });
        assert.deepEqual(pageLogs, [], 'the first page heard the others');
        assert.deepEqual(browserEvents, [], 'the browser session heard page events');
      } finally {
        page.removeAllListeners('Runtime.consoleAPICalled');
        await Promise.all(pages.map((p) => p.send('Page.close').catch(() => {})));
      }
    });

    test('Animation: animationCreated fires, playback rate can be halved', async () => {
      const anim = await state.browser.newPage();
      try {
        await anim.send('Animation.enable');
        const created = collect(anim, 'Animation.animationCreated');
        const firstCreated = nextEvent(anim, 'Animation.animationCreated');
        const started = nextEvent(anim, 'Animation.animationStarted');
        await anim.send('Runtime.evaluate', {
          expression: `
            const style = document.createElement('style');
            style.textContent = '@keyframes spin { from { transform: rotate(0deg) } to { transform: rotate(360deg) } }' +
              ' #box { width: 10px; height: 10px; background: red; animation: spin 1s linear infinite; }';
            document.head.appendChild(style);
            const box = document.createElement('div');
            box.id = 'box';
            document.body.appendChild(box);
            'added'`,
        });
        const params = await firstCreated;
        assert.equal(typeof params.id, 'string');
        assert.ok(params.id.length > 0);
        const { animation } = await started;
        assert.equal(animation.type, 'CSSAnimation');
        assert.equal(animation.name, 'spin');

        const { playbackRate } = await anim.send('Animation.getPlaybackRate');
        assert.equal(playbackRate, 1);
        await anim.send('Animation.setPlaybackRate', { playbackRate: playbackRate / 2 });
        const after = await anim.send('Animation.getPlaybackRate');
        assert.equal(after.playbackRate, 0.5);
        assert.ok(created.length >= 1);
      } finally {
        await anim.send('Page.close').catch(() => {});
      }
    });
  });
}
