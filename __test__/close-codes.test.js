'use strict';
// Every end carries a code, as data (API.md): after detach(), after close() and after the
// browser is killed, on both transports, the pending call's TargetClosedError.code and the
// events' code say which.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { TargetClosedError } = require('..');
const { launchFor, NEVER, nextEvent, rejectionOf, TRANSPORTS } = require('./helpers');

/** A call that stays pending until the session or the connection ends, once the page has it. */
async function pendingCall(page) {
  const call = rejectionOf(page.send('Runtime.evaluate', NEVER));
  // Commands arrive in order: once a later one is answered, the page has the first.
  await page.send('Runtime.evaluate', { expression: '1' });
  // Wrapped, so that awaiting this function does not wait for the call itself.
  return { call };
}

function assertEnded(error, code) {
  assert.ok(error instanceof TargetClosedError, String(error?.stack ?? error));
  assert.equal(error.code, code, error.message);
}

for (const transport of TRANSPORTS) {
  describe(`close codes over ${transport}`, () => {
    test('detach(): the call and the event say detach; the browser stays connected', async (t) => {
      const browser = await launchFor(t, { transport });
      const page = await browser.newPage();
      const detached = nextEvent(page, 'detached');
      const { call } = await pendingCall(page);
      await page.detach();
      assertEnded(await call, 'detach');
      assert.equal((await detached).code, 'detach');
      assertEnded(await rejectionOf(page.send('Runtime.evaluate', { expression: '1' })), 'detach');
      assert.equal(browser.connected, true);
    });

    test('close(): the call and both events say close', async (t) => {
      const browser = await launchFor(t, { transport });
      const page = await browser.newPage();
      const detached = nextEvent(page, 'detached');
      const disconnected = nextEvent(browser, 'disconnected');
      const { call } = await pendingCall(page);
      await browser.close();
      assertEnded(await call, 'close');
      assert.equal((await detached).code, 'close');
      assert.equal((await disconnected).code, 'close');
    });

    test('the browser killed: the call and both events say connection-lost', async (t) => {
      const browser = await launchFor(t, { transport });
      const page = await browser.newPage();
      const detached = nextEvent(page, 'detached');
      const disconnected = nextEvent(browser, 'disconnected');
      const { call } = await pendingCall(page);
      browser.process.kill('SIGKILL');
      assertEnded(await call, 'connection-lost');
      assert.equal((await detached).code, 'connection-lost');
      const event = await disconnected;
      assert.equal(event.code, 'connection-lost');
      assert.equal(typeof event.reason, 'string');
    });
  });
}
