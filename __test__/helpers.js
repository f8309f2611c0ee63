'use strict';
// Shared by the tests: a real Chromium per transport, and small waiting helpers.

const net = require('node:net');
const { launch } = require('..');

/**
 * A page function whose promise never settles yet stays reachable (its resolver is kept on the
 * page): V8 may collect an unreachable one, and Chromium then answers an awaitPromise evaluate
 * with "Promise was collected" (Chromium 148, with 10,000 pending).
 */
function neverSettles() {
  globalThis.__neverSettled ??= [];
  return new Promise((resolve) => globalThis.__neverSettled.push(resolve));
}

/** Runtime.evaluate's params for a call that is never answered until the page goes. */
const NEVER = { expression: `(${neverSettles})()`, awaitPromise: true };

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
 * How many times slower than an idle machine this one is now, from 1 to 20: the larger of
 * the load average per core and how much longer than its CPU time a 20 ms spin takes here
 * (the share of a core this process gets). The machine that runs the tests may be busy with
 * other work; a bound on a wall-clock time is scaled by this, never simply removed.
 */
function loadFactor() {
  const cores = require('node:os').availableParallelism?.() ?? require('node:os').cpus().length;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  while (performance.now() - wallStart < 20);
  const { user, system } = process.cpuUsage(cpuStart);
  const share = (performance.now() - wallStart) / Math.max((user + system) / 1000, 1);
  return Math.min(20, Math.max(1, require('node:os').loadavg()[0] / cores, share));
}

/**
 * A wall-clock budget of `ms` on an idle machine, scaled by how busy this one is now
 * (loadFactor). Use it where a test bounds how long something takes; each caller's `ms` stays
 * far below the time the failure it guards against would take (a timeout, a hang).
 */
function patient(ms) {
  return Math.round(ms * loadFactor());
}

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
      promise.then(
        (value) => ({ value }),
        (error) => ({ error }),
      ),
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

/**
 * Resolves once `child` has exited. A launched browser's ChildProcess is unref'd (the open
 * connection holds the event loop, not the child): once the connection has ended, nothing
 * would keep Node waiting for the exit, so a timer does meanwhile.
 */
function exitOf(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const hold = setInterval(() => {}, 1000);
  return new Promise((resolve) => child.once('exit', resolve)).finally(() => clearInterval(hold));
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

/**
 * A copy of the package that any user can load (what it needs at run time: its files, the
 * addon, its dependencies), in a fresh folder of the temp dir; removed when test `t` ends.
 * For a child Node run as another user: the clone itself may be in a folder only its owner
 * can enter (a `mktemp -d` is mode 0700).
 */
function packageForOtherUsers(t) {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const root = path.join(__dirname, '..');
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-package-'));
  t.after(() => fs.rmSync(dest, { recursive: true, force: true }));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const entries = [
    'package.json',
    'index.js',
    'index.mjs',
    'binding.js',
    'lib',
    ...fs.readdirSync(root).filter((f) => f.endsWith('.node')),
  ];
  for (const entry of entries) fs.cpSync(path.join(root, entry), path.join(dest, entry), { recursive: true });
  // The dependencies, and theirs, each found from the package that needs it.
  const copied = new Set();
  const copyDependencies = (fromDir, dependencies) => {
    for (const name of Object.keys(dependencies ?? {})) {
      if (copied.has(name)) continue;
      copied.add(name);
      const dir = path.dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
      fs.cpSync(dir, path.join(dest, 'node_modules', name), { recursive: true });
      copyDependencies(dir, JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies);
    }
  };
  copyDependencies(root, manifest.dependencies);
  // Readable (and folders enterable) by all, whatever the umask of the clone was.
  const open = (file) => {
    const stat = fs.statSync(file);
    fs.chmodSync(file, stat.mode | (stat.isDirectory() || stat.mode & 0o100 ? 0o555 : 0o444));
    if (stat.isDirectory()) for (const child of fs.readdirSync(file)) open(path.join(file, child));
  };
  open(dest);
  return dest;
}

module.exports = {
  NEVER,
  neverSettles,
  closedPort,
  exitOf,
  loadFactor,
  packageForOtherUsers,
  patient,
  isAlive,
  profileDirOf,
  TRANSPORTS,
  launchFor,
  nextEvent,
  sleep,
  suiteBrowser,
  rejectionOf,
  settledWithin,
};
