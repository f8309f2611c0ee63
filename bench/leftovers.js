'use strict';
// What a run leaves behind, found and removed by the bench. Each runner gets a temporary
// folder of its own as TMPDIR, where every client's profile and scratch folders land (cdp-native,
// Puppeteer and Playwright all make them under os.tmpdir()); the processes a runner started
// (a browser and its helpers) are read from /proc while it runs (proc.js). After the runner exits, the
// bench waits for those processes to end, kills any still there by pid, and removes the folder:
// whatever it had to kill or remove is reported as left behind.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { killQuietly } = require('./exit-hooks');
const { readStat, descendantsOf, commandLine } = require('./proc');

/** How long a browser may take to exit after its client's process has. */
const EXIT_GRACE_MS = 5000;

/** A fresh folder for one run's TMPDIR. */
function makeRunFolder() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-bench-run-'));
}

/** Every process below `rootPid`, with its command line: `{ pid, start, args }`. */
function startedBy(rootPid) {
  return descendantsOf(rootPid).map((p) => ({ pid: p.pid, start: p.start, args: commandLine(p.pid) }));
}

/** Still the same live process (not gone, not a zombie waiting to be reaped, not a reused pid). */
function alive({ pid, start }) {
  const stat = readStat(pid);
  return stat !== undefined && stat.start === start && stat.state !== 'Z';
}

/**
 * After a run: waits for `processes` to end, kills those that do not, removes `folder`.
 * Resolves with `{ processes, files }`: the command of each process it had to kill, and the
 * names it found in the folder (a profile, say); both empty when the run cleaned up after itself.
 */
async function cleanUp({ processes, folder }) {
  const deadline = Date.now() + EXIT_GRACE_MS;
  while (processes.some(alive) && Date.now() < deadline) await sleep(50);
  const killed = processes.filter(alive);
  for (const p of killed) killQuietly(p.pid);
  let files = [];
  try {
    files = fs.readdirSync(folder);
  } catch {
    // already gone
  }
  await removeFolder(folder);
  return { processes: killed.map((p) => p.args.slice(0, 2).join(' ') || `pid ${p.pid}`), files };
}

/** A killed browser's helpers may write into its profile for a moment: retry for a few seconds. */
async function removeFolder(folder) {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(folder, { recursive: true, force: true });
      return;
    } catch (error) {
      if (attempt === 50) throw new Error(`cannot remove ${folder}: ${error.message}`);
      await sleep(100);
    }
  }
}

/** The last resort on an interrupted bench: synchronous, best effort. */
function cleanUpNow({ processes, folder }) {
  for (const p of processes) if (alive(p)) killQuietly(p.pid);
  fs.rmSync(folder, { recursive: true, force: true });
}

module.exports = { makeRunFolder, startedBy, cleanUp, cleanUpNow, removeFolder };
