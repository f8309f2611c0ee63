'use strict';
// A 32 MiB Runtime.evaluate result, returned by value, arrives intact on both transports:
// same length, same characters (non-ASCII included, so UTF-8 decoding across chunk and frame
// boundaries is exercised), same checksum as computed in the page.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { TRANSPORTS, suiteBrowser } = require('./helpers');

const SIZE = 32 * 1024 * 1024;

/**
 * Source of the functions, shared by the page and the test: the string is made of 64-unit
 * chunks, each numbered, so that a lost, doubled or moved chunk changes the content.
 * Each chunk mixes ASCII, 2-, 3- and 4-byte UTF-8 characters (the last as a surrogate pair).
 */
const SHARED = `
  function chunk(i) {
    const head = i.toString(36).padStart(8, '0');
    return head + '|é ñ ☃ € 𝄞 😀 ÄÖÜ ß © 漢字 かな ascii~0123|éñ☃€漢字かなカナ中文한국x|';
  }
  function build(size) {
    const unit = chunk(0).length;
    const parts = [];
    for (let i = 0; i * unit < size; i++) parts.push(chunk(i));
    return parts.join('').slice(0, size);
  }
  function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  }
`;
// eslint-disable-next-line no-new-func
const { chunk, build, fnv1a } = new Function(`${SHARED}; return { chunk, build, fnv1a };`)();

test('the chunk unit is 64 UTF-16 units with non-ASCII inside', () => {
  assert.equal(chunk(0).length, 64);
  assert.ok(Buffer.byteLength(chunk(0)) > 64);
});

for (const transport of TRANSPORTS) {
  describe(`a 32 MiB message over ${transport}`, () => {
    const state = suiteBrowser({ transport });
    let page;
    before(async () => {
      page = await state.browser.newPage();
      await page.send('Runtime.evaluate', { expression: `${SHARED}; window.build = build; window.fnv1a = fnv1a; 0` });
    });

    test('a returnByValue string of 32 Mi UTF-16 units arrives intact', async () => {
      const { result: hashResult } = await page.send('Runtime.evaluate', {
        expression: `window.big = build(${SIZE}); fnv1a(window.big)`,
      });
      const pageHash = hashResult.value;
      assert.equal(typeof pageHash, 'number');

      const { result, exceptionDetails } = await page.send(
        'Runtime.evaluate',
        { expression: 'window.big', returnByValue: true },
        { timeout: 60000 },
      );
      assert.equal(exceptionDetails, undefined);
      assert.equal(result.type, 'string');
      const text = result.value;
      assert.equal(text.length, SIZE);
      // Over 50 MB of UTF-8 on the wire.
      assert.ok(Buffer.byteLength(text) > 50 * 1024 * 1024);
      assert.equal(text.slice(0, 64), chunk(0));
      const middle = Math.floor(SIZE / 64 / 2);
      assert.equal(text.slice(middle * 64, middle * 64 + 64), chunk(middle));
      const lastWhole = Math.floor(SIZE / 64) - 1;
      assert.equal(text.slice(lastWhole * 64, lastWhole * 64 + 64), chunk(lastWhole));
      assert.equal(fnv1a(text), pageHash, 'checksum differs from the one computed in the page');
      // Exactly what the page built, character for character.
      assert.ok(text === build(SIZE), 'the text differs from what the page built');
    });

    test('the connection is fine after the large message', async () => {
      const results = await Promise.all([1, 2, 3].map((n) => page.send('Runtime.evaluate', { expression: `${n} * 10` })));
      assert.deepEqual(
        results.map((r) => r.result.value),
        [10, 20, 30],
      );
      await page.send('Runtime.evaluate', { expression: 'delete window.big' });
    });
  });
}
