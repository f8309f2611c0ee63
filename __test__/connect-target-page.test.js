'use strict';
// connectTarget() to one page of a real Chromium (its /devtools/page/<id> WebSocket): evaluate,
// events, a navigation, auto-attach announcing a worker's session, the page picked from
// /json/list by id, by a function and by default; and its ends: the page closed from
// elsewhere (target-closed), crashed (target-crashed). connect() to it names connectTarget().

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect, connectTarget, launch, TargetClosedError } = require('..');
const { NEVER, rejectionOf } = require('./helpers');

/** Slack for what settles at once on an idle machine. */
const SETTLE_MS = 20000;

describe('connectTarget() to a page of a running Chromium', () => {
  let browser;
  let origin;
  before(async () => {
    browser = await launch({ transport: 'websocket' });
    origin = `http://${new URL(browser.wsEndpoint).host}`;
  });
  after(() => browser?.close());

  /** A new page of the launched browser, closed when the test ends, and its WebSocket URL. */
  async function pageFor(t) {
    const page = await browser.newPage();
    t.after(() => page.send('Page.close').catch(() => {}));
    return { page, wsUrl: `ws://${new URL(origin).host}/devtools/page/${page.targetId}` };
  }

  /** connectTarget(), detached when the test ends. */
  async function connectFor(t, endpoint) {
    const session = await connectTarget(endpoint);
    t.after(() => session.detach());
    return session;
  }

  test('by its ws URL: evaluate, events and a navigation on the page', async (t) => {
    const { page, wsUrl } = await pageFor(t);
    const session = await connectFor(t, wsUrl);
    assert.equal(session.id, undefined);
    assert.equal(session.targetId, page.targetId);
    assert.equal((await session.send('Runtime.evaluate', { expression: '6 * 7' })).result.value, 42);
    await session.send('Page.enable');
    await session.send('Runtime.enable');
    const logged = session.waitForEvent('Runtime.consoleAPICalled', { timeout: SETTLE_MS });
    const loaded = session.waitForEvent('Page.loadEventFired', { timeout: SETTLE_MS });
    const { frameId } = await session.api.Page.navigate({
      url: 'data:text/html,<title>endpoint</title><script>console.log("hi")</script>',
    });
    assert.equal(typeof frameId, 'string');
    await loaded;
    assert.equal((await logged).args[0].value, 'hi');
    const { result } = await session.send('Runtime.evaluate', { expression: 'document.title' });
    assert.equal(result.value, 'endpoint');
    // The browser's own session of the page sees the same navigation.
    assert.equal((await page.send('Runtime.evaluate', { expression: 'document.title' })).result.value, 'endpoint');
  });

  test('by the http origin: the target picked by id, by a function, and by default a page', async (t) => {
    const { page } = await pageFor(t);
    const byId = await connectFor(t, { endpoint: origin, target: page.targetId });
    assert.equal(byId.targetId, page.targetId);
    await byId.send('Runtime.evaluate', { expression: 'window.mark = "picked"' });
    let offered;
    const byFunction = await connectFor(t, {
      endpoint: origin,
      target: (list) => {
        offered = list;
        return list.find((entry) => entry.id === page.targetId);
      },
    });
    assert.ok(offered.length >= 1 && offered.every((entry) => typeof entry.id === 'string'));
    assert.equal((await byFunction.send('Runtime.evaluate', { expression: 'window.mark' })).result.value, 'picked');
    const byDefault = await connectFor(t, origin);
    const list = await (await fetch(`${origin}/json/list`)).json();
    assert.equal(byDefault.targetId, list.find((entry) => entry.type === 'page').id);
  });

  test("Target.setAutoAttach({ flatten: true }) announces a worker's session with 'sessionattached'", async (t) => {
    const { wsUrl } = await pageFor(t);
    const session = await connectFor(t, wsUrl);
    const attached = session.waitForEvent('sessionattached', { timeout: SETTLE_MS });
    await session.send('Target.setAutoAttach', { autoAttach: true, flatten: true, waitForDebuggerOnStart: false });
    await session.send('Runtime.evaluate', {
      expression: "window.worker = new Worker(URL.createObjectURL(new Blob(['self.inWorker = 7'])))",
    });
    const child = await attached;
    assert.equal(typeof child.id, 'string');
    const { result } = await child.send('Runtime.evaluate', { expression: 'typeof WorkerGlobalScope', returnByValue: true });
    assert.equal(result.value, 'function');
    // The worker ends with the page's script: its session ends as a target close.
    const ended = child.waitForEvent('detached');
    await session.send('Runtime.evaluate', { expression: 'window.worker.terminate()' });
    assert.equal((await ended).code, 'target-closed');
  });

  test('the page closed from elsewhere: pending calls and detached say target-closed', async (t) => {
    const { page, wsUrl } = await pageFor(t);
    const session = await connectTarget(wsUrl);
    const ends = [];
    session.on('detached', (info) => ends.push(info));
    const pending = session.send('Runtime.evaluate', NEVER);
    const other = await browser.newBrowserCDPSession();
    t.after(() => other.detach());
    await other.send('Target.closeTarget', { targetId: page.targetId });
    const error = await rejectionOf(pending);
    assert.ok(error instanceof TargetClosedError, error.stack);
    assert.equal(error.code, 'target-closed');
    assert.match(error.message, /Inspector\.detached/);
    await session.waitForEvent('detached');
    assert.deepEqual(
      ends.map((info) => info.code),
      ['target-closed'],
    );
    assert.equal((await rejectionOf(session.send('Runtime.evaluate', { expression: '1' }))).code, 'target-closed');
  });

  test('the page crashes (Page.crash): the session ends with target-crashed', async (t) => {
    const { wsUrl } = await pageFor(t);
    const session = await connectTarget(wsUrl);
    const ended = session.waitForEvent('detached');
    const error = await rejectionOf(session.send('Page.crash'));
    assert.equal(error.code, 'target-crashed', error.stack);
    assert.equal((await ended).code, 'target-crashed');
  });

  test('connect() to the page endpoint fails at once, naming connectTarget()', async (t) => {
    const { wsUrl } = await pageFor(t);
    const error = await rejectionOf(connect(wsUrl));
    assert.ok(error.message.includes(wsUrl), error.message);
    assert.match(error.message, /\/devtools\/page\/… is the WebSocket of one target/);
    assert.match(error.message, /connectTarget\(\)/);
  });
});
