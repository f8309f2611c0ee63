'use strict';
// Running the `cdp-native` command in the tests, and reading what it printed.

const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'cdp-native.js');
/** The children's environment: no protocol log on their stderr. */
const ENV = { ...process.env, DEBUG: '' };

/** Runs the command; resolves with { code, signal, stdout, stderr } whatever the exit code. */
function cli(args, { env = ENV, timeout = 30000, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

/** Asserts a successful run with nothing on stderr, and returns its stdout parsed as JSON. */
function jsonOf(run) {
  assert.equal(run.code, 0, `exit code ${run.code}; stderr: ${run.stderr}`);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout);
}

/** The NDJSON lines of a successful run, parsed. */
function linesOf(run) {
  assert.equal(run.code, 0, `exit code ${run.code}; stderr: ${run.stderr}`);
  assert.ok(run.stdout.endsWith('\n'), `stdout does not end in a newline: ${JSON.stringify(run.stdout)}`);
  return run.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** Asserts a failed run: exit code, nothing on stdout, exactly one stderr line matching `pattern`. */
function assertFailure(run, code, pattern) {
  assert.equal(run.code, code, `exit code ${run.code}; stdout: ${run.stdout}; stderr: ${run.stderr}`);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `stderr is not one line: ${run.stderr}`);
  assert.match(lines[0], /^cdp-native: /);
  assert.match(lines[0], pattern);
}

module.exports = { BIN, ENV, ROOT, assertFailure, cli, jsonOf, linesOf };
