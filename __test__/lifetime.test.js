'use strict';
// Process lifetime: a script that ends its work exits by itself after close(), disconnect(),
// or the browser being killed; a script with an open Browser stays alive. Each scenario runs
// __test__/fixtures/lifetime.js in a child Node process.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { TRANSPORTS, isAlive, patient, sleep } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'lifetime.js');
/** How soon after its last step a script must exit (on an idle machine; see patient()). */
const EXIT_WITHIN_MS = 5000;
/** Launching on a busy machine can take long: this only stops a run that hangs. */
const RUN_LIMIT_MS = 120000;

/** Starts the fixture; `steps` fills with its JSON lines, `exited` resolves with { code, signal }. */
function runFixture(scenario, transport) {
  const child = spawn(process.execPath, [FIXTURE, scenario, transport], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, steps: [], stderr: '', exited: undefined };
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line.trim()) run.steps.push(JSON.parse(line));
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    run.stderr += chunk;
  });
  run.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return run;
}

/** Resolves with `promise`'s value, or 'timeout' after `ms`. */
async function raceTimer(promise, ms) {
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the run has printed `step` (true), or has exited without it (false). */
async function stepOf(run, step) {
  while (!run.steps.some((s) => s.step === step)) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return false;
    await sleep(25);
  }
  return true;
}

/**
 * Waits for the run's `lastStep`, then for its exit, which must come within `ms` of that
 * step (scaled by how busy the machine is): what is timed is the exit once the work is done,
 * not the launch before it. Kills it (and fails) otherwise.
 */
async function expectExitAfter(run, lastStep, ms) {
  const reached = await raceTimer(stepOf(run, lastStep), RUN_LIMIT_MS);
  const budget = patient(ms);
  const outcome = reached === true ? await raceTimer(run.exited, budget) : await raceTimer(run.exited, 0);
  if (outcome === 'timeout') {
    run.child.kill('SIGKILL');
    await run.exited;
    const when = reached === true ? `within ${budget} ms of its '${lastStep}' step` : `(no '${lastStep}' step)`;
    assert.fail(`the script did not exit ${when}; steps: ${JSON.stringify(run.steps)}; stderr: ${run.stderr}`);
  }
  return outcome;
}

/** Kills what a failed run may have left behind: the script and its browser. */
function cleanup(run) {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  const pid = run.steps.find((s) => s.browserPid)?.browserPid;
  if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * The browser of a run's 'launched' step is gone, and so is its temporary profile. The
 * browser may need a moment to be reaped after its parent went.
 */
async function assertGone({ browserPid, profile }) {
  const deadline = Date.now() + patient(2000);
  while (isAlive(browserPid) && Date.now() < deadline) await sleep(100);
  assert.equal(isAlive(browserPid), false, `browser ${browserPid} is still running`);
  assert.equal(require('node:fs').existsSync(profile), false, `the profile ${profile} was left behind`);
}

for (const transport of TRANSPORTS) {
  describe(`process lifetime over ${transport}`, () => {
    test('a script that launches, sends and closes exits by itself', async (t) => {
      const run = runFixture('close', transport);
      t.after(() => cleanup(run));
      const { code, signal } = await expectExitAfter(run, 'closed', EXIT_WITHIN_MS);
      assert.equal(run.stderr, '');
      assert.equal(code, 0);
      assert.equal(signal, null);
      assert.deepEqual(
        run.steps.map((s) => s.step),
        ['launched', 'sent', 'closed'],
      );
      assert.equal(run.steps[1].value, 3);
      await assertGone(run.steps[0]);
    });

    test('a script that only disconnects exits by itself', async (t) => {
      const run = runFixture('disconnect', transport);
      t.after(() => cleanup(run));
      const { code } = await expectExitAfter(run, 'disconnected', EXIT_WITHIN_MS);
      assert.equal(run.stderr, '');
      assert.equal(code, 0);
      assert.deepEqual(
        run.steps.map((s) => s.step),
        ['launched', 'sent', 'disconnected'],
      );
      assert.equal(run.steps[2].connected, false);
      // A launched browser dies with the Node process (over a pipe it ends on disconnect).
      await assertGone(run.steps[0]);
    });

    test('a script whose browser is killed mid-way exits by itself', async (t) => {
      const run = runFixture('killed', transport);
      t.after(() => cleanup(run));
      const { code } = await expectExitAfter(run, 'rejected', EXIT_WITHIN_MS);
      assert.equal(run.stderr, '');
      assert.equal(code, 0);
      assert.deepEqual(
        run.steps.map((s) => s.step),
        ['launched', 'sent', 'rejected'],
      );
      assert.deepEqual(run.steps[2].names, ['TargetClosedError']);
      await assertGone(run.steps[0]);
    });

    test('a script with an open Browser stays alive', async (t) => {
      const run = runFixture('open', transport);
      t.after(() => cleanup(run));
      // Wait for it to be idle, then give it time in which it could (wrongly) exit.
      assert.equal(await raceTimer(stepOf(run, 'idle'), RUN_LIMIT_MS), true, `never became idle; stderr: ${run.stderr}`);
      await sleep(2000);
      assert.equal(run.child.exitCode, null, `the script exited (code ${run.child.exitCode}) with a Browser open`);
      assert.equal(run.child.signalCode, null);
      const browserPid = run.steps[0].browserPid;
      assert.equal(isAlive(browserPid), true);
      // Ending the script ends its browser too.
      run.child.kill('SIGTERM');
      run.steps.push({ step: 'sent SIGTERM' });
      const { signal } = await expectExitAfter(run, 'sent SIGTERM', EXIT_WITHIN_MS);
      assert.equal(signal, 'SIGTERM');
      await assertGone(run.steps[0]);
    });
  });
}
