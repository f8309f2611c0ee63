'use strict';
// The shared headless Chromium that the WebSocket clients all use for W1–W5, with a fresh
// profile that is removed when it stops.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { onExit, killQuietly } = require('./exit-hooks');
const { removeFolder } = require('./leftovers');

const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--remote-debugging-port=0',
];
const START_TIMEOUT_MS = 30000;
const STOP_GRACE_MS = 5000;

/** Starts Chromium; resolves with `{ wsEndpoint, version, pid, stop() }` once it listens. */
async function startBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-bench-'));
  const child = spawn(CHROMIUM_PATH, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const hook = onExit(() => {
    killQuietly(child.pid);
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  });
  let stderrTail = '';
  child.stderr.on('data', (chunk) => {
    stderrTail = (stderrTail + chunk).slice(-2000);
  });
  // A spawn that fails (no such file) emits 'error' and never 'exit': either one ends it, or
  // the start would wait on a promise that nothing can settle and the bench would end silently.
  const exited = new Promise((resolve) => {
    child.once('exit', resolve);
    child.once('error', (error) => {
      stderrTail += `\n${error.message}`;
      resolve();
    });
  });

  const stop = async () => {
    killQuietly(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killQuietly(child.pid), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    await removeFolder(profile);
    hook.forget();
  };

  try {
    const port = await readActivePort(profile, exited);
    const version = await (await fetch(`http://127.0.0.1:${port.port}/json/version`)).json();
    return { wsEndpoint: `ws://127.0.0.1:${port.port}${port.path}`, version: version.Browser, pid: child.pid, stop };
  } catch (error) {
    await stop().catch(() => {}); // the start failure is the error to report
    throw new Error(`Chromium (${CHROMIUM_PATH}) did not start: ${error.message}\n${stderrTail.trim()}`);
  }
}

/** Chromium writes its port and browser path to DevToolsActivePort once it listens. */
async function readActivePort(profile, exited) {
  let gone = false;
  exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error('it exited');
    try {
      const [port, browserPath] = fs.readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n');
      if (port && browserPath) return { port: Number(port), path: browserPath };
    } catch {
      // not written yet
    }
    await sleep(50);
  }
  throw new Error(`no DevToolsActivePort after ${START_TIMEOUT_MS} ms`);
}

module.exports = { startBrowser, CHROMIUM_PATH };
