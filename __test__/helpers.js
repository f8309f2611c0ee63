'use strict';
// Shared by the tests: a real Chromium per transport, and small waiting helpers.

const net = require('node:net');
const { launch } = require('..');

/** Both ways cdp-native talks to a launched browser. */
const TRANSPORTS = ['pipe', 'websocket'];

/** Launches a browser for one test file; `t.after` closes it. */
async function launchFor(t, options = {}) {
  const browser = await launch(options);
  t.after(() => browser.close());
  return browser;
}

/** Resolves with the first emission of `eventName` (its first argument). */
function nextEvent(emitter, eventName, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${eventName} within ${timeoutMs} ms`)), timeoutMs);
    emitter.once(eventName, (value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One browser for a whole describe block (call it in the describe body): launched in a
 * `before` hook, closed in an `after` hook. Node 20's hook context has no `t.after`, so
 * `launchFor` cannot be used from a `before` hook. Read the browser as `state.browser`.
 */
function suiteBrowser(options = {}) {
  const { before, after } = require('node:test');
  const state = { browser: undefined };
  before(async () => {
    state.browser = await launch(options);
  });
  after(async () => {
    await state.browser?.close();
  });
  return state;
}

/** Resolves with `promise`'s rejection reason; fails if it resolves. */
async function rejectionOf(promise) {
  try {
    const value = await promise;
    throw Object.assign(new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`), { notRejected: true });
  } catch (error) {
    if (error?.notRejected) throw error;
    return error;
  }
}

/** Resolves with how `promise` settles within `ms`: 'pending', or { value } / { error }. */
async function settledWithin(promise, ms) {
  let timer;
  try {
    return await Promise.race([
      promise.then((value) => ({ value }), (error) => ({ error })),
      new Promise((resolve) => (timer = setTimeout(() => resolve('pending'), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True while `pid` runs. A browser whose Node parent is gone is re-parented, and stays a
 * zombie until its new parent reaps it: that counts as gone.
 */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** A port that nothing listens on (it was free a moment ago). */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The --user-data-dir a browser was started with. */
function profileDirOf(spawnargs) {
  const arg = spawnargs.find((a) => a.startsWith('--user-data-dir='));
  if (!arg) throw new Error(`no --user-data-dir= in ${spawnargs.join(' ')}`);
  return arg.slice('--user-data-dir='.length);
}

module.exports = { closedPort, isAlive, profileDirOf, TRANSPORTS, launchFor, nextEvent, sleep, suiteBrowser, rejectionOf, settledWithin };
