'use strict';
// Finds and starts a local Chromium, connected over a pipe (default) or a WebSocket on a random
// loopback port, with a temporary profile that is removed when the browser goes away.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: delay } = require('node:timers/promises');
const { Connection } = require('./connection');
const { openPipe, openWebSocket } = require('./native-transport');
const { Browser } = require('./browser');
const { TimeoutError } = require('./errors');
const { BrowserProcess, removeFolder } = require('./browser-process');
const { describeDenial, isPermissionDenial } = require('./runtime-permissions');

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** How long close() waits for the browser to exit by itself before killing it. */
const EXIT_GRACE_MS = 5000;
/** The longest delay setTimeout takes: a launch timeout of 0 means none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The first `name` on PATH; a runtime's refusal to look (Deno's permissions) goes into `denials`. */
function findOnPath(name, denials) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch (error) {
      if (isPermissionDenial(error)) denials.push(error);
    }
  }
  return undefined;
}

function findExecutable(executablePath) {
  const denials = [];
  const found = executablePath ?? process.env.CHROME_PATH ?? CANDIDATES.map((name) => findOnPath(name, denials)).find(Boolean);
  if (!found && denials.length > 0) {
    throw new Error(
      `No Chromium found: searching PATH for ${CANDIDATES.join(', ')} was refused by the runtime's permissions ` +
        `(${describeDenial(denials[0])}). Or set CHROME_PATH or the executablePath option.`,
      { cause: denials[0] },
    );
  }
  if (!found) {
    throw new Error(
      `No Chromium found: none of ${CANDIDATES.join(', ')} is on PATH. Install one ` +
        `(Debian/Ubuntu: apt-get install chromium), or set CHROME_PATH or the executablePath option.`,
    );
  }
  return found;
}

function browserArgs({ headless, userDataDir, transport, args }) {
  const list = [
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    `--user-data-dir=${userDataDir}`,
    transport === 'pipe' ? '--remote-debugging-pipe' : '--remote-debugging-port=0',
  ];
  if (transport === 'websocket') list.push('--remote-debugging-address=127.0.0.1');
  if (headless) list.push('--headless');
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) list.push('--no-sandbox');
  list.push(...args, 'about:blank');
  return list;
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('launch(): options must be an object');
  const { transport = 'pipe', args = [], timeout = 30000, protocolTimeout = 180000, maxMessageSize = 512 * 1024 * 1024 } = options;
  if (transport !== 'pipe' && transport !== 'websocket') {
    throw new TypeError(`launch(): transport must be 'pipe' or 'websocket', got ${JSON.stringify(transport)}`);
  }
  // The pipe hands the browser fds 3 and 4, which Windows does not have (src/binding/connect.rs).
  if (transport === 'pipe' && process.platform === 'win32') {
    throw new Error("launch(): the pipe transport is not available on Windows; pass transport: 'websocket'");
  }
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
    throw new TypeError('launch(): args must be an array of strings');
  }
  for (const [name, value] of Object.entries({ timeout, protocolTimeout })) {
    if (typeof value !== 'number' || !(value >= 0)) throw new TypeError(`launch(): ${name} must be a number of ms >= 0`);
  }
  if (!Number.isInteger(maxMessageSize) || maxMessageSize < 1) {
    throw new TypeError('launch(): maxMessageSize must be a positive whole number of bytes');
  }
  return { transport, args, timeout, protocolTimeout, maxMessageSize };
}

/** Polls `DevToolsActivePort` in the profile (locale-independent, unlike scraping stderr). */
async function readActivePort(userDataDir, stillStarting) {
  const file = path.join(userDataDir, 'DevToolsActivePort');
  while (stillStarting()) {
    try {
      const [port, browserPath] = fs.readFileSync(file, 'utf8').split('\n');
      if (port && browserPath) return `ws://127.0.0.1:${port.trim()}${browserPath.trim()}`;
    } catch {
      // not written yet
    }
    await delay(25);
  }
  return undefined;
}

/**
 * Waits until the browser speaks CDP: over a pipe its first reply, over a WebSocket its
 * DevTools port and the upgrade. Rejects on timeout or when the browser ends first.
 */
async function untilReady(browserProcess, pipeConnection, userDataDir, connectionOptions, timeout) {
  let timedOut = false;
  const start = async () => {
    if (pipeConnection) {
      await pipeConnection.sendToBrowser('Browser.getVersion', undefined, { timeout: 0 });
      return { connection: pipeConnection, wsEndpoint: undefined };
    }
    const wsEndpoint = await readActivePort(userDataDir, () => browserProcess.running && !timedOut);
    if (!wsEndpoint) throw new Error('the browser ended before it opened its DevTools port');
    const connection = new Connection(connectionOptions);
    await openWebSocket(connection, wsEndpoint, connectionOptions);
    return { connection, wsEndpoint };
  };
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new TimeoutError('launch', timeout));
    }, timeout || MAX_TIMER_MS);
  });
  const ended = browserProcess.exited.then(() => {
    throw new Error(`the browser exited with ${browserProcess.exitInfo} before it was ready`);
  });
  try {
    return await Promise.race([start(), deadline, ended]);
  } finally {
    clearTimeout(timer);
    ended.catch(() => {});
  }
}

/** The error a failed launch rejects with: the cause as best known, and the browser's stderr. */
function launchError(executablePath, browserProcess, error, timeout) {
  const { spawnError, exitInfo } = browserProcess;
  let why = error.message;
  if (error instanceof TimeoutError) why = `not ready within ${timeout} ms`;
  else if (spawnError) why = spawnError.message;
  // Over a pipe the EOF often comes before the exit status: prefer the status when it came
  // from the browser itself, not from our kill.
  else if (exitInfo !== undefined && exitInfo !== 'signal SIGKILL') why = `the browser exited with ${exitInfo} before it was ready`;
  const tail = browserProcess.stderr();
  const message = `Failed to launch ${executablePath}: ${why}${tail ? `\n--- browser stderr (last lines) ---\n${tail}` : ''}`;
  if (error instanceof TimeoutError) {
    error.message = message;
    return error;
  }
  return new Error(message, { cause: error });
}

async function launch(options = {}) {
  const { transport, args, timeout, protocolTimeout, maxMessageSize } = checkOptions(options);
  const executablePath = findExecutable(options.executablePath);
  const headless = options.headless ?? true;
  // mkdtemp makes the folder mode 0700: the profile holds cookies and the DevTools port.
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-profile-'));
  const ownedProfile = options.userDataDir === undefined ? userDataDir : undefined;
  const connectionOptions = { protocolTimeout, maxMessageSize };
  const pipeConnection = transport === 'pipe' ? new Connection(connectionOptions) : undefined;
  const pipe = pipeConnection && openPipe(pipeConnection, connectionOptions);

  let browserProcess;
  try {
    browserProcess = new BrowserProcess(executablePath, browserArgs({ headless, userDataDir, transport, args }), {
      env: options.env ?? process.env,
      extraStdio: pipe?.browserFds ?? [],
      ownedProfile,
    });
  } catch (error) {
    pipeConnection?.close('launch failed');
    // Never masks the spawn error with one from the removal.
    if (ownedProfile) removeFolder(ownedProfile);
    throw error;
  } finally {
    // Our copies of the browser's pipe ends must go, or its exit would never read as EOF.
    pipe?.closeBrowserFds();
  }

  let started;
  try {
    started = await untilReady(browserProcess, pipeConnection, userDataDir, connectionOptions, timeout);
  } catch (error) {
    pipeConnection?.close('launch failed');
    // Wait for the exit status and the last stderr lines, to say why it failed.
    await browserProcess.killAndSettle(1000);
    await browserProcess.waitForExit(1000);
    browserProcess.removeProfile();
    throw launchError(executablePath, browserProcess, error, timeout);
  }

  const shutdown = async (connection) => {
    connection.expectClose('close() was called');
    if (connection.connected) {
      await connection.sendToBrowser('Browser.close', undefined, { timeout: EXIT_GRACE_MS }).catch(() => {});
    }
    await browserProcess.waitForExit(EXIT_GRACE_MS);
    if (browserProcess.running) {
      browserProcess.kill();
      await browserProcess.waitForExit(EXIT_GRACE_MS);
    }
    await connection.close('close() was called');
    browserProcess.removeProfile();
  };
  const browserOptions = { wsEndpoint: started.wsEndpoint, process: browserProcess.child, shutdown };
  try {
    return await Browser.attach(started.connection, browserOptions);
  } catch (error) {
    await shutdown(started.connection);
    throw error;
  }
}

module.exports = { launch };
