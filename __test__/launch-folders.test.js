'use strict';
// The folders of a launched browser: a userDataDir used again (Chromium leaves its stale
// DevToolsActivePort behind), a --user-data-dir given in args, and what Chromium leaves in
// TMPDIR when it is killed (org.chromium.Chromium.*), which goes with the browser's own TMPDIR,
// on process exit, an uncaught error, or close() after the browser was SIGKILLed; and a worker
// thread that is terminated with a browser open.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { launch } = require('..');
const { TRANSPORTS, exitOf, isAlive, profileDirOf, rejectionOf, sleep } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'launch-and-leave.js');

/** A fresh folder, removed after the test. */
function freshDir(t, prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the fixture with TMPDIR set to `tmp`; resolves with its report and how it ended. */
function runFixture(transport, how, tmp) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE, transport, how], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // A launch on a busy machine can take a while: this only stops a run that hangs.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) reject(new Error(`no report (code ${code}, signal ${signal}): ${err}`));
      else resolve({ report: JSON.parse(line), code, signal, stderr: err });
    });
  });
}

/** Waits (at most `ms`, polling) until `pid` is gone and `dir` is empty; returns what is left. */
async function leftBehind(pid, dir, ms = 10000) {
  for (let waited = 0; waited < ms; waited += 100) {
    if (!isAlive(pid) && fs.readdirSync(dir).length === 0) break;
    await sleep(100);
  }
  return { alive: isAlive(pid), entries: fs.readdirSync(dir) };
}

for (const transport of TRANSPORTS) {
  describe(`nothing is left in TMPDIR (${transport})`, () => {
    for (const how of ['exit', 'uncaught', 'kill', 'worker']) {
      test(`after ${how === 'worker' ? 'worker.terminate()' : how === 'kill' ? 'a SIGKILLed browser and close()' : how === 'exit' ? 'process.exit()' : 'an uncaught error'}`, async (t) => {
        const tmp = freshDir(t, 'cdp-native-tmpdir-test-');
        const { report, stderr } = await runFixture(transport, how, tmp);
        t.after(() => isAlive(report.pid) && process.kill(-report.pid, 'SIGKILL'));
        assert.equal(report.tmp, tmp, 'the fixture did not get the TMPDIR');
        assert.equal(path.dirname(report.profile), tmp);
        const { alive, entries } = await leftBehind(report.pid, tmp);
        assert.equal(alive, false, `the browser ${report.pid} outlived the ${how === 'worker' ? 'worker' : 'script'}; stderr: ${stderr}`);
        assert.deepEqual(entries, [], `left in TMPDIR: ${entries.join(', ')}`);
      });
    }
  });
}

describe('a userDataDir used again', () => {
  for (const transport of TRANSPORTS) {
    test(`works on the second launch, even after a kill left DevToolsActivePort behind (${transport})`, async (t) => {
      const profile = freshDir(t, 'cdp-native-reused-profile-');
      for (let round = 0; round < 3; round++) {
        const browser = await launch({ transport, userDataDir: profile });
        try {
          assert.deepEqual(await (await browser.newPage()).send('Runtime.evaluate', { expression: '1', returnByValue: true }), {
            result: { type: 'number', value: 1, description: '1' },
          });
        } finally {
          if (round === 1) {
            // Killed: the browser cannot remove its DevToolsActivePort.
            const exited = exitOf(browser.process);
            browser.process.kill('SIGKILL');
            await exited;
          }
          await browser.close();
        }
      }
    });
  }

  test('a stale DevToolsActivePort naming another browser’s port: launch() never attaches to that browser', async (t) => {
    const other = await launch({ transport: 'websocket' });
    t.after(() => other.close());
    const profile = freshDir(t, 'cdp-native-stale-port-');
    const otherUrl = new URL(other.wsEndpoint);
    fs.writeFileSync(path.join(profile, 'DevToolsActivePort'), `${otherUrl.port}\n${otherUrl.pathname}`);
    const browser = await launch({ transport: 'websocket', userDataDir: profile });
    assert.notEqual(browser.wsEndpoint, other.wsEndpoint);
    await browser.close();
    assert.equal(other.connected, true, 'closing the new browser closed the other one');
    assert.match((await other.version()).product, /Chrom/);
  });
});

describe('--user-data-dir in args', () => {
  for (const transport of TRANSPORTS) {
    test(`is the profile used, the only --user-data-dir given, and kept after close() (${transport})`, async (t) => {
      const profile = freshDir(t, 'cdp-native-args-profile-');
      const browser = await launch({ transport, args: [`--user-data-dir=${profile}`], timeout: 60000 });
      try {
        const flags = browser.process.spawnargs.filter((a) => a.startsWith('--user-data-dir='));
        assert.deepEqual(flags, [`--user-data-dir=${profile}`]);
        assert.equal(profileDirOf(browser.process.spawnargs), profile);
        assert.deepEqual(await (await browser.newPage()).send('Runtime.evaluate', { expression: '2', returnByValue: true }), {
          result: { type: 'number', value: 2, description: '2' },
        });
      } finally {
        await browser.close();
      }
      assert.ok(fs.readdirSync(profile).length > 0, 'the browser did not use the profile given in args');
    });
  }

  test('with a different userDataDir: a TypeError, nothing started', async (t) => {
    const a = freshDir(t, 'cdp-native-a-');
    const b = freshDir(t, 'cdp-native-b-');
    const error = await rejectionOf(launch({ userDataDir: a, args: [`--user-data-dir=${b}`] }));
    assert.ok(error instanceof TypeError, `got ${error.stack}`);
    assert.ok(error.message.includes(a) && error.message.includes(b), error.message);
    assert.deepEqual(fs.readdirSync(a), []);
    assert.deepEqual(fs.readdirSync(b), []);
  });
});
