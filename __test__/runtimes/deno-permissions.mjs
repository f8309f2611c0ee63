// Under Deno with too few permissions, cdp-native says which flag is missing instead of failing
// with a misleading error. Run it twice (see .ci/run):
//   deno run --allow-read --allow-env deno-permissions.mjs             → loading the addon is refused: --allow-ffi
//   deno run --allow-read --allow-env --allow-ffi ... (no --allow-sys) → searching PATH is refused, not "not found"
// Prints "N passed, N failed" last.

import assert from 'node:assert/strict';

const specifier = process.env.CDP_NATIVE_MODULE ?? new URL('../../index.mjs', import.meta.url).href;
const granted = (name) => Deno.permissions.querySync({ name }).state === 'granted';

let passed = 0;
let failed = 0;
try {
  if (!granted('ffi')) {
    const error = await import(specifier).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error, 'the import succeeded without --allow-ffi');
    assert.match(error.message, /the runtime refused to load the native addon: .*--allow-ffi/);
    console.log('ok - without --allow-ffi, the load error names --allow-ffi and every flag needed');
  } else {
    assert.ok(!granted('sys'), 'run this without --allow-sys');
    const { launch } = await import(specifier);
    const error = await launch().then(
      (browser) => browser.close().then(() => undefined),
      (e) => e,
    );
    assert.ok(error, 'launch() succeeded without --allow-sys');
    assert.match(error.message, /searching PATH for chromium.* was refused by the runtime's permissions \(.*--allow-sys/);
    assert.equal(error.cause?.name, 'NotCapable');
    console.log("ok - without --allow-sys, launch() reports the refused PATH search, not 'No Chromium found'");
  }
  passed++;
} catch (error) {
  failed++;
  console.log(`not ok - ${String(error?.stack ?? error).replaceAll('\n', '\n  ')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
