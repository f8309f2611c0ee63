// The ESM entry: named imports through the package's own name (package.json `exports`),
// the same objects as the CommonJS entry, and a launch/send round trip.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import cdp, { AbortError, Browser, CDPSession, connect, launch, ProtocolError, TargetClosedError, TimeoutError } from 'cdp-native';

const require = createRequire(import.meta.url);
const { NEVER, TRANSPORTS } = require('./helpers.js');

test('the named exports are the functions and classes of the API', () => {
  assert.equal(typeof launch, 'function');
  assert.equal(typeof connect, 'function');
  for (const Class of [Browser, CDPSession, ProtocolError, TargetClosedError, TimeoutError, AbortError]) {
    assert.equal(typeof Class, 'function');
  }
  for (const ErrorClass of [ProtocolError, TargetClosedError, TimeoutError, AbortError]) {
    assert.ok(ErrorClass.prototype instanceof Error, `${ErrorClass.name} does not extend Error`);
  }
});

test('ESM and CommonJS give the same objects (no dual-package hazard)', () => {
  const commonjs = require('cdp-native');
  assert.equal(launch, commonjs.launch);
  assert.equal(connect, commonjs.connect);
  assert.equal(CDPSession, commonjs.CDPSession);
  assert.equal(ProtocolError, commonjs.ProtocolError);
  assert.equal(TargetClosedError, commonjs.TargetClosedError);
  assert.equal(TimeoutError, commonjs.TimeoutError);
  assert.equal(AbortError, commonjs.AbortError);
  assert.equal(cdp.launch, launch);
});

for (const transport of TRANSPORTS) {
  describe(`ESM over ${transport}`, () => {
    test('launch, send, errors, close', async () => {
      const browser = await launch({ transport });
      try {
        assert.ok(browser instanceof Browser);
        const page = await browser.newPage();
        assert.ok(page instanceof CDPSession);
        const { result } = await page.send('Runtime.evaluate', { expression: '6 * 7' });
        assert.equal(result.value, 42);
        await assert.rejects(page.send('No.suchMethod'), ProtocolError);
        await assert.rejects(page.send('Runtime.evaluate', NEVER, { timeout: 50 }), TimeoutError);
        await page.detach();
        await assert.rejects(page.send('Runtime.evaluate', { expression: '1' }), TargetClosedError);
      } finally {
        await browser.close();
      }
    });
  });
}
