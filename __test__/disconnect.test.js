'use strict';
// The end of a browser connection: the browser killed with calls pending, disconnect() that
// leaves the browser running, and close() that ends it and removes its profile. Each test
// launches its own browser, since each one ends it.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { connect, TargetClosedError } = require('..');
const { exitOf, isAlive, launchFor, NEVER, nextEvent, patient, profileDirOf, settledWithin, sleep, TRANSPORTS } = require('./helpers');

function count(emitter, eventName) {
  const seen = [];
  emitter.on(eventName, (value) => seen.push(value));
  return seen;
}

for (const transport of TRANSPORTS) {
  describe(`disconnect over ${transport}`, () => {
    test('browser killed with 100 sends pending: all reject, one disconnected, every session detached', async (t) => {
      const browser = await launchFor(t, { transport });
      const pages = [await browser.newPage(), await browser.newPage()];
      const browserSession = await browser.newBrowserCDPSession();
      const sessions = [...pages, browserSession];
      const disconnected = count(browser, 'disconnected');
      const detached = sessions.map((s) => count(s, 'detached'));
      const firstDisconnect = nextEvent(browser, 'disconnected');

      const pending = [];
      for (let i = 0; i < 100; i++) pending.push(pages[i % 2].send('Runtime.evaluate', NEVER));
      // Let every command reach the browser before killing it.
      await pages[0].send('Runtime.evaluate', { expression: '1' });
      await pages[1].send('Runtime.evaluate', { expression: '1' });

      const killedAt = Date.now();
      assert.equal(browser.process.kill('SIGKILL'), true);
      // 1 s on an idle machine, scaled by how busy this one is; NEVER has no timeout of its own.
      const budget = patient(1000);
      const outcomes = await Promise.all(pending.map((p) => settledWithin(p, budget)));
      const elapsed = Date.now() - killedAt;
      const stuck = outcomes.filter((o) => o === 'pending').length;
      assert.equal(stuck, 0, `${stuck} of 100 sends still pending ${budget} ms after the kill`);
      assert.ok(elapsed < budget + patient(500), `took ${elapsed} ms`);
      for (const outcome of outcomes) {
        assert.ok(outcome.error, `a send resolved after the kill: ${JSON.stringify(outcome.value)}`);
        assert.ok(outcome.error instanceof TargetClosedError, `got ${outcome.error.stack}`);
        assert.equal(outcome.error.method, 'Runtime.evaluate');
        assert.match(outcome.error.message, /Runtime\.evaluate/);
        assert.doesNotMatch(outcome.error.message, /Target closed\.?$/);
      }

      const { reason } = await firstDisconnect;
      assert.equal(typeof reason, 'string');
      assert.ok(reason.length > 0);
      assert.match(reason, transport === 'pipe' ? /pipe|EOF|exit|signal/i : /WebSocket|socket|reset|close/i);
      assert.equal(browser.connected, false);

      // Sends after the close reject at once, naming the method and why.
      // At once: before any timer, however busy the machine.
      const lateOutcome = await settledWithin(pages[0].send('Runtime.evaluate', { expression: '1' }), 0);
      assert.notEqual(lateOutcome, 'pending', 'a send after the close did not reject at once');
      const late = lateOutcome.error;
      assert.ok(late instanceof TargetClosedError);
      assert.equal(late.method, 'Runtime.evaluate');
      assert.match(late.message, /Runtime\.evaluate/);
      assert.ok(late.message.length > 'Protocol error (Runtime.evaluate): Target closed'.length + 5, late.message);
      await assert.rejects(browserSession.send('Browser.getVersion'), TargetClosedError);
      await assert.rejects(browser.version(), TargetClosedError);
      await assert.rejects(browser.newPage(), Error);

      // detach() on an ended session resolves and does nothing.
      await pages[1].detach();
      await browserSession.detach();

      await sleep(100);
      assert.equal(disconnected.length, 1, "'disconnected' fired more than once");
      detached.forEach((seen, i) => {
        assert.equal(seen.length, 1, `session ${i} got ${seen.length} 'detached'`);
        assert.equal(typeof seen[0].reason, 'string');
        assert.match(seen[0].reason, /disconnect/i);
      });

      // close() after the crash still resolves and cleans up.
      const profile = profileDirOf(browser.process.spawnargs);
      await browser.close();
      await exitOf(browser.process);
      assert.equal(fs.existsSync(profile), false, 'the temporary profile was left behind');
      assert.equal(disconnected.length, 1);
    });

    test('close(): the process has exited, the temporary profile is removed, disconnected once', async () => {
      const { launch } = require('..');
      const browser = await launch({ transport });
      const profile = profileDirOf(browser.process.spawnargs);
      assert.ok(fs.existsSync(profile), 'the temporary profile does not exist while running');
      const page = await browser.newPage();
      const disconnected = count(browser, 'disconnected');
      const detached = count(page, 'detached');
      const pid = browser.process.pid;
      await browser.close();
      assert.ok(
        browser.process.exitCode !== null || browser.process.signalCode !== null,
        'close() resolved before the browser process exited',
      );
      assert.equal(isAlive(pid), false);
      assert.equal(fs.existsSync(profile), false, `${profile} was not removed`);
      assert.equal(browser.connected, false);
      assert.equal(disconnected.length, 1);
      assert.equal(typeof disconnected[0].reason, 'string');
      assert.equal(detached.length, 1);
      await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }), TargetClosedError);
      // close() twice is harmless.
      await browser.close();
      assert.equal(disconnected.length, 1);
    });
  });
}

describe('disconnect()', () => {
  test('over a websocket it leaves the browser running', async (t) => {
    const browser = await launchFor(t, { transport: 'websocket' });
    const child = browser.process;
    t.after(async () => {
      if (isAlive(child.pid)) child.kill('SIGKILL');
      await exitOf(child);
    });
    const page = await browser.newPage();
    const disconnected = count(browser, 'disconnected');
    const detached = count(page, 'detached');
    await browser.disconnect();
    assert.equal(browser.connected, false);
    assert.equal(disconnected.length, 1);
    assert.match(disconnected[0].reason, /disconnect/);
    assert.equal(detached.length, 1);
    assert.match(detached[0].reason, /disconnect/);
    await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }), (e) => {
      assert.ok(e instanceof TargetClosedError);
      assert.match(e.message, /disconnect/);
      return true;
    });

    await sleep(300);
    assert.equal(child.exitCode, null, 'the browser exited after disconnect()');
    assert.equal(isAlive(child.pid), true);
    // It is still usable: connect to it again and see the page that was opened.
    const again = await connect(browser.wsEndpoint);
    try {
      const targets = await again.targets();
      assert.ok(targets.some((target) => target.targetId === page.targetId));
    } finally {
      await again.disconnect();
    }
    const profile = profileDirOf(browser.process.spawnargs);
    child.kill('SIGKILL');
    await exitOf(child);
    // Its temporary profile goes when it exits (its helper processes may take a moment).
    for (let i = 0; i < 30 && fs.existsSync(profile); i++) await sleep(100);
    assert.equal(fs.existsSync(profile), false, `${profile} was left after the browser exited`);
  });

  test('over a pipe the browser exits (Chromium ends when its pipe closes)', async (t) => {
    const browser = await launchFor(t, { transport: 'pipe' });
    const child = browser.process;
    const disconnected = count(browser, 'disconnected');
    await browser.disconnect();
    assert.equal(browser.connected, false);
    assert.equal(disconnected.length, 1);
    const exited = await settledWithin(exitOf(child), 5000);
    assert.notEqual(exited, 'pending', 'the browser did not exit after its pipe closed');
  });
});
