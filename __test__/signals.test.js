'use strict';
// Signals Node receives, as Puppeteer's handleSIGINT/handleSIGTERM/handleSIGHUP options (on
// by default): a browser launched to handle a signal is ended when it comes, with a reason
// naming it, even when the application listens to the signal itself and goes on; one launched
// with the option false is left alone; with nobody else listening the signal ends Node and
// its browsers. Each case runs fixtures/signals.js in a child Node.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { TRANSPORTS, isAlive, sleep } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'signals.js');

function runFixture(...args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIXTURE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // Launching two browsers on a busy machine can take a while: this only stops a hang.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const steps = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      resolve({ steps, code, signal, stderr: err, step: (name) => steps.find((s) => s.step === name) });
    });
  });
}

/** Kills what a failed run may have left behind. */
function killAll(pids) {
  for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function assertAllGone(pids) {
  for (let i = 0; i < 100 && pids.some(isAlive); i++) await sleep(100);
  assert.deepEqual(pids.filter(isAlive), [], 'browsers outlived the script');
}

for (const transport of TRANSPORTS) {
  describe(`signals over ${transport}`, () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      test(`${signal} with the application listening: the default browser ends naming it, handle${signal}: false keeps its own`, async (t) => {
        const run = await runFixture(transport, signal, 'handled');
        t.after(() => killAll(run.step('launched')?.pids ?? []));
        assert.equal(run.code, 0, `stderr: ${run.stderr}`);
        const ended = run.step('a-ended');
        assert.ok(ended, `steps: ${JSON.stringify(run.steps)}; stderr: ${run.stderr}`);
        assert.equal(ended.heard, 1, "the application's own listener did not run");
        assert.ok(ended.reason.includes(signal), `'disconnected' reason: ${ended.reason}`);
        assert.equal(ended.error, 'TargetClosedError');
        assert.ok(ended.message.includes(signal), `pending call: ${ended.message}`);
        const works = run.step('b-works');
        assert.ok(works, `the browser launched with handle${signal}: false did not survive: ${JSON.stringify(run.steps)}`);
        assert.equal(works.connected, true);
        assert.ok(run.step('done'));
        await assertAllGone(run.step('launched').pids);
      });
    }

    test('SIGINT with nobody else listening ends Node by that signal, and the browser with it', async (t) => {
      const run = await runFixture(transport, 'SIGINT', 'unhandled');
      t.after(() => killAll(run.step('launched')?.pids ?? []));
      assert.equal(run.signal, 'SIGINT', `code ${run.code}; stderr: ${run.stderr}`);
      assert.equal(run.step('survived'), undefined);
      await assertAllGone(run.step('launched').pids);
    });
  });
}
