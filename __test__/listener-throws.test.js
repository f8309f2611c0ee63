'use strict';
// A listener that throws: the other listeners of the same event, and later messages, still get
// their events; the throw surfaces as an uncaught exception on a later tick (not inside the
// emit, not swallowed), and with no handler it ends the process as any uncaught exception does.
// Runs __test__/fixtures/throwing-listener.js in a child process against a real Chromium.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { TRANSPORTS, isAlive, sleep } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'throwing-listener.js');
const LINES = ['line 0', 'line 1', 'line 2', 'line 3', 'line 4'];

/** Runs the fixture to its end (killed after 30 s): { code, signal, steps, stderr }. */
function run(transport, mode) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIXTURE, transport, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const steps = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      // A child killed by the timer leaves its browser (a WebSocket one would live on).
      const browserPid = steps[0]?.browserPid;
      if (signal === 'SIGKILL' && browserPid && isAlive(browserPid)) process.kill(browserPid, 'SIGKILL');
      resolve({ code, signal, steps, stderr });
    });
  });
}

async function assertBrowserGone({ browserPid, profile }) {
  for (let i = 0; i < 30 && isAlive(browserPid); i++) await sleep(100);
  assert.equal(isAlive(browserPid), false, `browser ${browserPid} is still running`);
  for (let i = 0; i < 30 && fs.existsSync(profile); i++) await sleep(100);
  assert.equal(fs.existsSync(profile), false, `the profile ${profile} was left behind`);
}

for (const transport of TRANSPORTS) {
  describe(`a listener that throws, over ${transport}`, () => {
    test('the other listeners and later messages get their events; each throw is an uncaught exception after the emit', async () => {
      const { code, signal, steps, stderr } = await run(transport, 'handled');
      assert.deepEqual(
        steps.map((s) => s.step),
        ['launched', 'events', 'closed'],
        `stderr: ${stderr}`,
      );
      assert.equal(stderr, '');
      assert.equal(signal, null);
      assert.equal(code, 0, `exit code ${code}; steps: ${JSON.stringify(steps)}`);
      const events = steps[1];
      assert.deepEqual(events.seenBySecond, [...LINES, 'after the throws']);
      assert.deepEqual(events.seenByCatchAll, [...LINES, 'after the throws']);
      assert.equal(events.later, 42);

      // One uncaught exception per throw, in order, each the listener's own error...
      const thrown = events.uncaught.map((u) => u.message);
      assert.deepEqual(
        thrown.slice(0, LINES.length),
        LINES.map((line) => `listener threw on ${line}`),
      );
      assert.equal(events.uncaughtBeforeLaterReply, LINES.length, 'the throws had not all surfaced before the next reply');
      events.uncaught.forEach((u, i) => {
        assert.equal(u.fromListener, true, `the error's stack is not the listener's: ${JSON.stringify(u)}`);
        // ...raised outside the emit, after the next listener already had that event.
        assert.equal(u.insideListener, false);
        if (i < LINES.length)
          assert.ok(u.secondHadSeen.includes(LINES[i]), `throw ${i} surfaced before the other listener ran: ${JSON.stringify(u)}`);
      });

      // A throwing 'disconnected' listener: the next one still ran, and close() finished.
      const closed = steps[2];
      assert.equal(closed.disconnected.length, 1);
      assert.ok(closed.uncaught.includes('disconnected listener threw'), JSON.stringify(closed.uncaught));
      await assertBrowserGone(steps[0]);
    });

    test('with no uncaughtException handler the throw ends the process, and the browser with it', async () => {
      const { code, steps, stderr } = await run(transport, 'unhandled');
      assert.equal(code, 1, `exit code ${code}; stderr: ${stderr}`);
      assert.match(stderr, /Error: listener threw on line 0/);
      assert.doesNotMatch(stderr, /timed out waiting/);
      assert.deepEqual(
        steps.map((s) => s.step),
        ['launched'],
      );
      await assertBrowserGone(steps[0]);
    });
  });
}
