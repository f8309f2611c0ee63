'use strict';
// napi-rs's package layout: one npm/<platform>/ package per target in napi.targets, each
// named in the root's optionalDependencies at the root's version, limited by os, cpu (and
// libc on Linux) so that npm installs only the one that fits.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const dirs = fs.readdirSync(path.join(ROOT, 'npm')).sort();

test('each platform package is an optional dependency at the root version, and the other way round', () => {
  assert.equal(dirs.length, root.napi.targets.length);
  const expected = Object.fromEntries(dirs.map((dir) => [`cdp-native-${dir}`, root.version]));
  assert.deepEqual(root.optionalDependencies, expected);
});

test('each platform package says which os, cpu and libc it is for, and carries only its addon', () => {
  for (const dir of dirs) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'npm', dir, 'package.json'), 'utf8'));
    const [os, cpu, abi] = dir.split('-');
    assert.equal(pkg.name, `cdp-native-${dir}`);
    assert.equal(pkg.version, root.version, dir);
    assert.deepEqual([pkg.os, pkg.cpu], [[os], [cpu]], dir);
    assert.deepEqual(pkg.libc, os === 'linux' ? [abi === 'musl' ? 'musl' : 'glibc'] : undefined, dir);
    assert.equal(pkg.main, `cdp-native.${dir}.node`);
    assert.deepEqual(pkg.files, [pkg.main]);
  }
});
