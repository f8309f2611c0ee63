'use strict';
// Shared by the tests of puppeteerTransport() and playwrightTransport(): the two ways to get
// one (a browser they launch over a pipe, or `{ endpoint }` to a browser started with a
// port), and the checks that a launched browser left nothing behind.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');
const { launch } = require('..');
const { exitOf, isAlive, patient, profileDirOf, sleep } = require('./helpers');

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The two sources of a transport, by name: `open(makeTransport, t)` resolves with
 * `{ transport, kill }`, where `kill()` SIGKILLs the browser the transport speaks to.
 */
const SOURCES = {
  'a launched pipe browser': async (makeTransport) => {
    const transport = await makeTransport();
    return { transport, kill: () => process.kill(-transport.process.pid, 'SIGKILL') };
  },
  '{ endpoint } to a browser started with a port': async (makeTransport, t) => {
    const host = await launch({ transport: 'websocket' });
    t.after(() => host.close());
    // The http origin, resolved through /json/version as connect() does.
    const endpoint = `http://${new URL(host.wsEndpoint).host}`;
    const transport = await makeTransport({ endpoint });
    assert.equal(transport.process, null);
    return { transport, kill: () => process.kill(-host.process.pid, 'SIGKILL') };
  },
};

function assertPng(bytes) {
  assert.deepEqual(Buffer.from(bytes).subarray(0, PNG_MAGIC.length), PNG_MAGIC);
}

/** Waits (at most a patient 5 s) until `check()` is true; fails with `what` if it never is. */
async function eventually(check, what) {
  const until = Date.now() + patient(5000);
  while (!check()) {
    if (Date.now() > until) assert.fail(`${what} did not happen within the bound`);
    await sleep(20);
  }
}

/** After a launched browser is closed: its process and its profile folder are gone. */
async function assertNothingLeft(child) {
  const profile = profileDirOf(child.spawnargs);
  await eventually(() => !isAlive(child.pid), `the browser's exit (pid ${child.pid})`);
  await eventually(() => !fs.existsSync(profile), `the removal of ${profile}`);
}

/**
 * Runs `source` (a CommonJS script body that may `require(CDP_NATIVE)` and the libraries) in
 * a child Node, and resolves with `{ code, signal, stdout, stderr }` once it exits by itself;
 * fails if it does not within a patient 60 s (then it is killed).
 */
async function runScript(t, source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-adapter-script-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'script.js');
  const prelude = `const CDP_NATIVE = ${JSON.stringify(path.resolve(__dirname, '..'))};\nmodule.paths.unshift(${JSON.stringify(path.resolve(__dirname, '../node_modules'))});\n`;
  fs.writeFileSync(file, prelude + source);
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const bound = patient(60000);
  const timer = setTimeout(() => child.kill('SIGKILL'), bound);
  await exitOf(child);
  clearTimeout(timer);
  assert.notEqual(
    child.signalCode,
    'SIGKILL',
    `the script did not exit by itself within ${bound} ms; stdout: ${stdout}; stderr: ${stderr}`,
  );
  return { code: child.exitCode, signal: child.signalCode, stdout, stderr };
}

/**
 * A script run by runScript() that printed its browser's `{ pid, args }`, then `title`:
 * it exited 0 and left no browser process or profile behind.
 */
async function assertScriptLeftNothing({ code, stdout, stderr }, title) {
  assert.equal(code, 0, stderr);
  const [first, printed] = stdout.trim().split('\n');
  assert.equal(printed, title);
  const { pid, args } = JSON.parse(first);
  await assertNothingLeft({ pid, spawnargs: args });
}

module.exports = { SOURCES, assertNothingLeft, assertPng, assertScriptLeftNothing, eventually, runScript };
