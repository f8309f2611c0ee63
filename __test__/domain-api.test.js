'use strict';
// session.api: the domain helpers over send/on, against a real Chromium.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const { ProtocolError, TimeoutError } = require('..');
const { nextEvent, rejectionOf, suiteBrowser } = require('./helpers');

describe('session.api', () => {
  const state = suiteBrowser();

  test('commands send: Page.enable(), Page.navigate({ url }), Runtime.evaluate with options', async () => {
    const session = await state.browser.newPage();
    const { Page, Runtime } = session.api;
    await Page.enable();
    const loaded = nextEvent(session, 'Page.loadEventFired');
    const { frameId } = await Page.navigate({ url: 'data:text/html,<title>api</title>' });
    assert.equal(typeof frameId, 'string');
    await loaded;
    const { result } = await Runtime.evaluate({ expression: 'document.title', returnByValue: true }, { timeout: 5000 });
    assert.equal(result.value, 'api');
    await session.detach();
  });

  test('Domain.on/once/off take the short event name and subscribe on the session', async () => {
    const session = await state.browser.newPage();
    const { Page, Runtime } = session.api;
    const seen = [];
    const onLoad = (event) => seen.push(['on', typeof event.timestamp]);
    assert.equal(Page.on('loadEventFired', onLoad), Page, 'on() returns the domain, for chaining');
    Page.once('loadEventFired', () => seen.push(['once']));
    assert.equal(session.listenerCount('Page.loadEventFired'), 2);
    await Page.enable();
    const loaded = nextEvent(session, 'Page.loadEventFired');
    await Page.navigate({ url: 'data:text/html,one' });
    await loaded;
    assert.deepEqual(seen, [['on', 'number'], ['once']]);
    Page.off('loadEventFired', onLoad);
    assert.equal(session.listenerCount('Page.loadEventFired'), 0);
    await Runtime.enable();
    await session.detach();
  });

  test("Domain.event(listener) subscribes (chrome-remote-interface's shorthand) and returns the unsubscribe", async () => {
    const session = await state.browser.newPage();
    const { Runtime } = session.api;
    const logged = [];
    const stop = Runtime.consoleAPICalled(({ args }) => logged.push(args[0].value));
    assert.equal(typeof stop, 'function');
    await Runtime.enable();
    await Runtime.evaluate({ expression: 'console.log("first")' });
    await Runtime.evaluate({ expression: 'new Promise((r) => setTimeout(r, 50))', awaitPromise: true });
    stop();
    assert.equal(session.listenerCount('Runtime.consoleAPICalled'), 0);
    await Runtime.evaluate({ expression: 'console.log("second")' });
    await Runtime.evaluate({ expression: 'new Promise((r) => setTimeout(r, 50))', awaitPromise: true });
    assert.deepEqual(logged, ['first']);
    await session.detach();
  });

  test('an unknown command rejects with a ProtocolError naming it', async () => {
    const session = await state.browser.newPage();
    const error = await rejectionOf(session.api.Page.noSuchCommand());
    assert.ok(error instanceof ProtocolError);
    assert.equal(error.method, 'Page.noSuchCommand');
    assert.match(error.message, /Page\.noSuchCommand/);
    await session.detach();
  });

  test('bad params reject like send(): a TypeError naming the method, nothing sent', async () => {
    const session = await state.browser.newPage();
    const error = await rejectionOf(session.api.Runtime.evaluate('1 + 1'));
    assert.ok(error instanceof TypeError);
    assert.match(error.message, /Runtime\.evaluate/);
    assert.equal((await session.api.Runtime.evaluate({ expression: '2 + 2' })).result.value, 4);
    await session.detach();
  });

  test('the same domain object and function come back on each access', async () => {
    const session = await state.browser.newPage();
    assert.equal(session.api, session.api);
    assert.equal(session.api.Page, session.api.Page);
    assert.equal(session.api.Page.navigate, session.api.Page.navigate);
    await session.detach();
  });

  test('awaiting the api or a domain does not send a "then" command', async () => {
    const session = await state.browser.newPage();
    const sent = [];
    const original = session.send;
    session.send = (method, ...rest) => {
      sent.push(method);
      return original.call(session, method, ...rest);
    };
    assert.equal(await session.api, session.api);
    assert.equal(await session.api.Page, session.api.Page);
    assert.equal(session.api.page, undefined, 'domains are capitalised');
    assert.deepEqual(sent, []);
    await session.detach();
  });

  test('await Domain.event(options) waits for that event (the chrome-remote-interface habit) and sends nothing', async () => {
    const session = await state.browser.newPage();
    const sent = [];
    const original = session.send;
    session.send = (method, ...rest) => {
      sent.push(method);
      return original.call(session, method, ...rest);
    };
    const { Page } = session.api;
    await Page.enable();
    const loaded = Page.loadEventFired({ timeout: 10000 });
    const frame = Page.frameNavigated({ predicate: ({ frame }) => frame.url.startsWith('data:') });
    await Page.navigate({ url: 'data:text/html,waited' });
    assert.equal(typeof (await loaded).timestamp, 'number');
    assert.match((await frame).frame.url, /waited/);
    assert.deepEqual(sent, ['Page.enable', 'Page.navigate']);
    const error = await rejectionOf(Page.loadEventFired({ timeout: 20 }));
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.method, 'Page.loadEventFired');
    await session.detach();
  });

  test("coercing the api or a domain ('x' + Page, Page == 'x', +Page) sends nothing", async () => {
    const session = await state.browser.newPage();
    const sent = [];
    const original = session.send;
    session.send = (method, ...rest) => {
      sent.push(method);
      return original.call(session, method, ...rest);
    };
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { Page } = session.api;
      // biome-ignore lint/style/useTemplate: the + coercion (valueOf first) is what is tested
      assert.equal('x' + Page, 'x[CDP domain Page]');
      // biome-ignore lint/suspicious/noDoubleEquals: the == coercion is what is tested
      assert.equal(Page == 'x', false);
      assert.ok(Number.isNaN(+Page));
      // biome-ignore lint/style/useTemplate: the + coercion of the api object is what is tested
      assert.equal(`${session.api}` + session.api, `[CDP domains of session ${session.id}]`.repeat(2));
      assert.equal(Page.hasOwnProperty, undefined);
      assert.equal(Page.valueOf, undefined);
      // Any rejection of a stray command would surface by now.
      await session.send('Runtime.evaluate', { expression: '1' });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(sent, ['Runtime.evaluate']);
    assert.deepEqual(unhandled, []);
    await session.detach();
  });

  test('console.log shows the api and a domain for what they are', async () => {
    const session = await state.browser.newPage();
    assert.equal(util.inspect(session.api.Page), '[CDP domain Page]');
    assert.equal(util.inspect(session.api), `[CDP domains of session ${session.id}]`);
    assert.equal(String(session.api.Runtime), '[CDP domain Runtime]');
    assert.equal(`${session.api}`, `[CDP domains of session ${session.id}]`);
    await session.detach();
  });

  test('a bad event name throws a TypeError naming the domain and method', async () => {
    const session = await state.browser.newPage();
    assert.throws(
      () => session.api.Page.on(42, () => {}),
      (error) => error instanceof TypeError && /Page\.on/.test(error.message),
    );
    await session.detach();
  });
});
