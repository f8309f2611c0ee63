'use strict';
// The public types: __test__/types/uses.ts must compile, and every `@ts-expect-error` in
// misuses.ts must be a real error (tsc fails on an unused one).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

test('index.d.ts accepts correct uses and rejects the misuses', () => {
  // typescript's exports map does not expose bin/, so find it beside its package.json.
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const project = path.join(__dirname, 'types', 'tsconfig.json');
  const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
