'use strict';
// What `npm pack` puts in the tarball: the MIT LICENSE that package.json names, and the
// JavaScript the package needs at run time.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

test('the packed tarball has the LICENSE and what runs', () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const files = new Set(JSON.parse(run.stdout)[0].files.map((f) => f.path));
  assert.equal(require('../package.json').license, 'MIT');
  for (const name of [
    'LICENSE',
    'README.md',
    'index.js',
    'index.mjs',
    'index.d.ts',
    'types/domain-api.d.ts',
    'types/adapters.d.ts',
    'binding.js',
    'lib/protocol-events.generated.js',
    'scripts/build-native.js',
  ]) {
    assert.ok(files.has(name), `${name} is not in the tarball`);
  }
});
