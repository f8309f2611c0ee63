'use strict';
// Issue 10, finding 2: an event flood must not block Node's event loop. A page logs faster
// than a listener spending 0.5 ms per event keeps up with; cdp-native is measured against
// chrome-remote-interface in the same run (fixtures/flood-gap.js, each in its own Node), so
// that the bound comes from what the machine can do now, not from a number: timers and sends
// get their turn at least as well as there, and close() is as prompt.
//
// The fix: lib/inbox.js yields to the event loop every 10 ms of dispatching, and close()
// drops what is not yet dispatched.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { patient } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'flood-gap.js');
const FLOOD_SECONDS = '3';

function measure(client, transport) {
  return new Promise((resolve, reject) => {
    // A client that blocks its event loop may take minutes to close: this only stops a hang.
    execFile(process.execPath, [FIXTURE, client, transport, FLOOD_SECONDS], { timeout: 240000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${client}: ${error.message}${error.killed ? ' (killed after 240 s)' : ''}\n${stderr}`))
        : resolve(JSON.parse(stdout)),
    );
  });
}

/** What is wrong with one run of ours against the reference, or null when nothing is. */
function shortfall(ours, reference) {
  const { transport } = ours;
  // Twice the reference, and at least a busy machine's 100 ms: tens of milliseconds is the aim,
  // a loop held for seconds is the failure.
  if (ours.maxGapMs > Math.max(2 * reference.maxGapMs, patient(100)))
    return `${transport}: the event loop was held ${ours.maxGapMs} ms (chrome-remote-interface: ${reference.maxGapMs} ms)`;
  if (ours.timerLateMs > Math.max(2 * reference.timerLateMs, patient(100)))
    return `${transport}: a 2 s timer fired ${ours.timerLateMs} ms late (chrome-remote-interface: ${reference.timerLateMs} ms)`;
  // The timeout is a timer: it may be late by as much as the loop went without a turn in the
  // same run, and no more.
  if (ours.sendSettledMs > 1000 + Math.max(patient(200), ours.maxGapMs + patient(50)))
    return `${transport}: send({ timeout: 1000 }) settled after ${ours.sendSettledMs} ms, with the loop held at most ${ours.maxGapMs} ms`;
  if (ours.closeMs > Math.max(2 * reference.closeMs, patient(1000)))
    return `${transport}: close() took ${ours.closeMs} ms (chrome-remote-interface: ${reference.closeMs} ms)`;
  return null;
}

// A shared 2-core machine stalls a process now and then for a few hundred milliseconds, which
// the gap and the timers see as much as a held loop; a run is taken again, up to three times,
// and the best must pass. A loop held by the client fails every run.
const ATTEMPTS = 3;

test('under a flood, the event loop, a 1 s send timeout and close() fare no worse than with chrome-remote-interface', async (t) => {
  const reference = await measure('chrome-remote-interface', 'websocket');
  t.diagnostic(`chrome-remote-interface: ${JSON.stringify(reference)}`);
  for (const transport of ['websocket', 'pipe']) {
    let problem;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const ours = await measure('cdp-native', transport);
      t.diagnostic(`cdp-native (run ${attempt}): ${JSON.stringify(ours)}`);
      problem = shortfall(ours, reference);
      if (!problem) break;
    }
    assert.equal(problem, null);
  }
});
