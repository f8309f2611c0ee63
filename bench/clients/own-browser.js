'use strict';
// What the pipe section's clients share: each launches /usr/bin/chromium (or $CHROME_PATH)
// over --remote-debugging-pipe with the flags cdp-native's launch() gives it, and waits the
// same way for it to settle before the timed part. Puppeteer and Playwright are told to leave
// out their own default flags (ignoreDefaultArgs), so that the browsers differ by nothing but
// the client; the bench reads each launched browser's command line and warns if they differ
// (report.js).

const { setTimeout: sleep } = require('node:timers/promises');
const { CHROMIUM_PATH } = require('../browser');
const { descendantsOf, procAvailable } = require('../proc');

/** lib/launcher.js's flags, less the profile and the pipe, which each library adds itself. */
const FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--headless',
  // Chromium refuses to run as root with its sandbox on (launch() adds it then, too).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
const START_PAGE = 'about:blank';

/**
 * A Chromium just launched is still busy starting up for a moment (the WebSocket rows use the
 * shared browser, started long before): measured here, its processes keep both cores busy for
 * 1–1.5 s after launch() resolves, then go quiet; each new page's renderer adds its own start.
 * A fixed second after launch sometimes cut into that. So a pipe client's connection has
 * `settle()`, which the workloads call once their pages are made, just before the timer starts:
 * it waits until the processes this one started (the browser and its helpers) have used at most
 * QUIET_TICKS of CPU in each of QUIET_SAMPLES samples in a row, at most SETTLE_MAX_MS. Without
 * /proc, a fixed SETTLE_FALLBACK_MS.
 */
const SAMPLE_MS = 100;
const QUIET_TICKS = 1; // of 10 ms: at most a tenth of a core
const QUIET_SAMPLES = 2;
const SETTLE_MAX_MS = 5000;
const SETTLE_FALLBACK_MS = 1000;

/** `connection` with `settle()`, which records how long it waited in `connection.settleMs`. */
function settling(connection) {
  connection.settle = async () => {
    const start = Date.now();
    await untilQuiet();
    connection.settleMs = (connection.settleMs ?? 0) + (Date.now() - start);
  };
  return connection;
}

async function untilQuiet() {
  if (!procAvailable()) return sleep(SETTLE_FALLBACK_MS);
  const start = Date.now();
  let quiet = 0;
  let before = browserTicks();
  while (quiet < QUIET_SAMPLES && Date.now() - start < SETTLE_MAX_MS) {
    await sleep(SAMPLE_MS);
    const now = browserTicks();
    quiet = ticksBetween(before, now) <= QUIET_TICKS ? quiet + 1 : 0;
    before = now;
  }
}

/** pid → CPU ticks used so far, of the processes this one started (the browser, its helpers). */
function browserTicks() {
  return new Map(descendantsOf(process.pid).map((p) => [`${p.pid}@${p.start}`, p.cpuTicks]));
}

/** The ticks used between two readings, by the processes alive at the second. */
function ticksBetween(before, after) {
  let used = 0;
  for (const [key, ticks] of after) used += ticks - (before.get(key) ?? 0);
  return used;
}

module.exports = { CHROMIUM_PATH, FLAGS, START_PAGE, settling };
