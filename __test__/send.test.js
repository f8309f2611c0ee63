'use strict';
// send(): results, ProtocolError details, the caller's stack on a rejection, and that the
// session stays usable after errors. On both transports, against a real Chromium.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { ProtocolError, CDPSession } = require('..');
const { TRANSPORTS, suiteBrowser } = require('./helpers');

for (const transport of TRANSPORTS) {
  describe(`send() over ${transport}`, () => {
    const state = suiteBrowser({ transport });
    let page;
    before(async () => {
      page = await state.browser.newPage();
      assert.ok(page instanceof CDPSession);
    });

    test('resolves with the result of the command', async () => {
      const { result } = await page.send('Runtime.evaluate', { expression: '1+2' });
      assert.equal(result.type, 'number');
      assert.equal(result.value, 3);
    });

    test('params are optional', async () => {
      const result = await page.send('Runtime.enable');
      assert.deepEqual(result, {});
      await page.send('Runtime.disable');
    });

    test('returnByValue gives objects by value', async () => {
      const { result, exceptionDetails } = await page.send('Runtime.evaluate', {
        expression: '({ a: 1, b: [true, null, "é☃𝄞"], c: { d: 2.5 } })',
        returnByValue: true,
      });
      assert.equal(exceptionDetails, undefined);
      assert.equal(result.type, 'object');
      assert.deepEqual(result.value, { a: 1, b: [true, null, 'é☃𝄞'], c: { d: 2.5 } });
    });

    test('concurrent sends each get their own result', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => page.send('Runtime.evaluate', { expression: `${i} * 2` })));
      assert.deepEqual(
        results.map((r) => r.result.value),
        Array.from({ length: 50 }, (_, i) => i * 2),
      );
    });

    test('an unknown method rejects with ProtocolError -32601', async () => {
      const error = await page.send('Nope.doesNotExist', {}).then(
        () => assert.fail('should have rejected'),
        (e) => e,
      );
      assert.ok(error instanceof ProtocolError, `got ${error}`);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ProtocolError');
      assert.equal(error.method, 'Nope.doesNotExist');
      assert.equal(error.code, -32601);
      assert.equal(typeof error.originalMessage, 'string');
      assert.match(error.originalMessage, /wasn't found|not found/i);
      assert.match(error.message, /Nope\.doesNotExist/);
    });

    test('bad params reject with ProtocolError -32602', async () => {
      const error = await page.send('Runtime.evaluate', { expression: 42 }).then(
        () => assert.fail('should have rejected'),
        (e) => e,
      );
      assert.ok(error instanceof ProtocolError, `got ${error}`);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ProtocolError');
      assert.equal(error.method, 'Runtime.evaluate');
      assert.equal(error.code, -32602);
      assert.match(error.originalMessage, /Invalid parameters/);
      assert.match(error.message, /Runtime\.evaluate/);
      // Chromium puts the detail in `data`.
      assert.equal(typeof error.data, 'string');
      assert.match(error.data, /expression/);
    });

    test('a missing mandatory param rejects with ProtocolError -32602', async () => {
      await assert.rejects(page.send('Runtime.evaluate', {}), (e) => {
        assert.ok(e instanceof ProtocolError);
        assert.equal(e.code, -32602);
        assert.equal(e.method, 'Runtime.evaluate');
        return true;
      });
    });

    test('a server-side failure rejects with ProtocolError -32000', async () => {
      await assert.rejects(page.send('Page.navigate', { url: 'not a url' }), (e) => {
        assert.ok(e instanceof ProtocolError);
        assert.equal(e.code, -32000);
        assert.equal(e.method, 'Page.navigate');
        assert.match(e.message, /Page\.navigate/);
        return true;
      });
    });

    test("a rejected send's stack shows the user's calling function", async () => {
      async function myVeryDistinctiveCaller() {
        return page.send('Nope.stackCheck', {});
      }
      const error = await myVeryDistinctiveCaller().then(
        () => assert.fail('should have rejected'),
        (e) => e,
      );
      assert.ok(error instanceof ProtocolError);
      assert.match(error.stack, /myVeryDistinctiveCaller/);
      assert.match(error.stack, /^ProtocolError: .*Nope\.stackCheck/);
    });

    test('an exception thrown in the page is a result, not a rejection', async () => {
      const { exceptionDetails } = await page.send('Runtime.evaluate', { expression: 'throw new Error("boom")' });
      assert.ok(exceptionDetails);
      assert.match(exceptionDetails.exception.description, /boom/);
    });

    test('the session is still usable after the errors', async () => {
      const { result } = await page.send('Runtime.evaluate', { expression: '"still" + " alive"' });
      assert.equal(result.value, 'still alive');
    });

    test('bad arguments reject with TypeError (never throw) and the session stays usable', async () => {
      let promise;
      assert.doesNotThrow(() => {
        promise = page.send('', {});
      });
      await assert.rejects(promise, TypeError);
      await assert.rejects(page.send('Runtime.evaluate', [1]), /params/);
      const cyclic = { expression: '1' };
      cyclic.self = cyclic;
      await assert.rejects(page.send('Runtime.evaluate', cyclic), TypeError);
      await assert.rejects(page.send('Runtime.evaluate', { expression: '1', big: 1n }), TypeError);
      const { result } = await page.send('Runtime.evaluate', { expression: '7' });
      assert.equal(result.value, 7);
    });
  });
}
