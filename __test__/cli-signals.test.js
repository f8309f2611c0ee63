'use strict';
// The `cdp-native` command and its signals: Ctrl-C once events stream is the normal end (exit
// 0, also while an enable, the load or the command is under way); before a result it is an
// interruption (exit 130) that still closes the launched browser.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const { isAlive, patient, sleep } = require('./helpers');
const { BIN, ENV, ROOT } = require('./cli-helpers');

describe('--events and SIGINT', () => {
  test('streams until SIGINT, then closes and exits 0', async () => {
    const { exit } = await interruptWhileStreaming(['--events', 'Runtime.executionContextCreated']);
    assert.deepEqual(exit, { code: 0, signal: null, stderr: '' });
  });

  test('SIGINT once events stream, while --url still loads: the load ends, nothing more is sent, exit 0', async () => {
    const page = await heldPage();
    try {
      const args = ['--events', 'Runtime.executionContextCreated', '--url', page.url, 'Runtime.evaluate', '{"expression":"1"}'];
      const { exit, stdout } = await interruptWhileStreaming(args, page.release);
      assert.deepEqual(exit, { code: 0, signal: null, stderr: '' });
      assert.doesNotMatch(stdout, /"command":/, 'the command after the navigation is skipped');
    } finally {
      page.close();
    }
  });
});

test('SIGINT before a result: exit 130, and the launched browser is gone', async () => {
  const page = await heldPage();
  const child = spawn(process.execPath, [BIN, '--url', page.url, 'Runtime.evaluate', '{"expression":"1"}'], { cwd: ROOT, env: ENV });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    await page.requested;
    const browserPids = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    assert.ok(browserPids.length > 0 && browserPids.every(isAlive));
    child.kill('SIGINT');
    assert.deepEqual(await exited, { code: 130, signal: null });
    assert.match(stderr, /^cdp-native: interrupted \(SIGINT\)\n/);
    const deadline = Date.now() + patient(10000);
    while (browserPids.some(isAlive) && Date.now() < deadline) await sleep(50);
    assert.deepEqual(browserPids.filter(isAlive), []);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    page.close();
  }
});

/** A page on 127.0.0.1 whose response is held until `release()`: a navigation that is under way. */
async function heldPage() {
  let release;
  let requested;
  const held = new Promise((resolve) => (release = resolve));
  const arrived = new Promise((resolve) => (requested = resolve));
  const server = http.createServer(async (_req, res) => {
    requested();
    await held;
    res.end('<title>late</title>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requested: arrived,
    release,
    close() {
      release();
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Runs the command until its first event line, sends SIGINT, calls `afterSignal`, and resolves
 * with how it exited (`exit`: code, signal, stderr) and what it printed.
 */
async function interruptWhileStreaming(args, afterSignal = () => {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    // Runtime.enable reports the page's context: once it is printed, the stream is running.
    const deadline = Date.now() + patient(20000);
    while (!stdout.includes('\n') && Date.now() < deadline) await sleep(50);
    assert.match(stdout, /"method":"Runtime.executionContextCreated"/, `stderr: ${stderr}`);
    child.kill('SIGINT');
    afterSignal();
    const { code, signal } = await exited;
    return { exit: { code, signal, stderr }, stdout };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
