'use strict';
// The public types: __test__/types/uses.ts must compile, and every `@ts-expect-error` in
// misuses.ts must be a real error (tsc fails on an unused one). Compiled twice: with
// `types: ["node"]`, and with `types: []` (TypeScript 7's default), where index.d.ts must
// bring Node's types in by itself.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

// typescript's exports map does not expose bin/, so find it beside its package.json.
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

for (const [config, what] of [
  ['tsconfig.json', 'with types: ["node"]'],
  ['tsconfig.no-node-types.json', 'with types: [] (no @types package named)'],
]) {
  test(`index.d.ts accepts correct uses and rejects the misuses, ${what}`, () => {
    const project = path.join(__dirname, 'types', config);
    const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
  });
}
