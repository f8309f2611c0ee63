'use strict';
// lib/protocol-events.generated.js matches the installed devtools-protocol: a bump of the pin
// without regenerating it fails here.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

test('the generated event list is up to date with devtools-protocol', () => {
  const script = path.join(__dirname, '..', 'scripts', 'generate-protocol-events.js');
  const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});
