'use strict';
// The core tests that .ci/run also runs under Bun and Deno (__test__/runtimes/core.mjs), here on
// this Node: they pass, and the process ends by itself once they are done.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

test('the runtime-independent core tests pass and their process exits by itself', () => {
  const script = path.join(__dirname, 'runtimes', 'core.mjs');
  // Generous: nine launches on a busy machine. A process held open would hit it.
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 180000, env: { ...process.env, DEBUG: '' } });
  assert.equal(run.signal, null, `killed after the timeout: something held the process open\n${run.stdout}${run.stderr}`);
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /^9 passed, 0 failed$/m);
});
