'use strict';
// `npm install` prints no EBADENGINE on this Node: every locked package, dev ones included,
// accepts it. The CI runs this on each supported Node (20, 22, 24, 26).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const semver = require('semver');
const lock = require('../package-lock.json');

test(`every package in package-lock.json accepts Node ${process.version}`, () => {
  const refusing = Object.entries(lock.packages)
    .filter(([, pkg]) => typeof pkg.engines?.node === 'string' && !semver.satisfies(process.version, pkg.engines.node))
    .map(([where, pkg]) => `${where || 'cdp-native'} (engines.node ${pkg.engines.node})`);
  assert.deepEqual(refusing, []);
});

test("cdp-native's own engines field accepts this Node", () => {
  assert.ok(semver.satisfies(process.version, require('../package.json').engines.node));
});
