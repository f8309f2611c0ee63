'use strict';
// Finds and starts a local Chromium, connected over a pipe (default) or a WebSocket on a random
// loopback port, with a temporary profile that is removed when the browser goes away.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: delay } = require('node:timers/promises');
const { Connection } = require('./connection');
const { Browser } = require('./browser');
const { TimeoutError } = require('./errors');
const { trackBrowser } = require('./cleanup');

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** Lines of the browser's stderr kept for a launch error. */
const STDERR_LINES = 20;
/** How long close() waits for the browser to exit by itself before killing it. */
const EXIT_GRACE_MS = 5000;

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function findExecutable(executablePath) {
  const found = executablePath ?? process.env.CHROME_PATH ?? CANDIDATES.map(findOnPath).find(Boolean);
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

/** Keeps the last lines of the browser's stderr, for error messages. */
function stderrTail(stream) {
  const lines = [];
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop();
    lines.push(...parts.filter((line) => line.trim() !== ''));
    if (lines.length > STDERR_LINES) lines.splice(0, lines.length - STDERR_LINES);
  });
  return () => [...lines, partial].filter(Boolean).join('\n');
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

async function launch(options = {}) {
  const { transport, args, timeout, protocolTimeout, maxMessageSize } = checkOptions(options);
  const executablePath = findExecutable(options.executablePath);
  const headless = options.headless ?? true;
  const ownsProfile = options.userDataDir === undefined;
  // mkdtemp makes the folder mode 0700: the profile holds cookies and the DevTools port.
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-profile-'));
  const removeProfile = () => {
    if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  let exitInfo;
  const connectionOptions = { protocolTimeout, maxMessageSize };
  const pipeConnection = transport === 'pipe' ? Connection.overPipe(connectionOptions) : undefined;
  const stdio = ['ignore', 'ignore', 'pipe'];
  if (pipeConnection) stdio.push(...pipeConnection.browserFds);

  let child;
  try {
    child = spawn(executablePath, browserArgs({ headless, userDataDir, transport, args }), {
      stdio,
      env: options.env ?? process.env,
    });
  } finally {
    // Our copies of the browser's pipe ends must go, or its exit would never read as EOF.
    pipeConnection?.closeBrowserFds();
  }
  const untrack = trackBrowser(child, removeProfile);
  // The open connection keeps Node alive, not the child process or its stderr.
  child.unref();
  child.stderr.unref?.();
  const stderr = stderrTail(child.stderr);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      untrack();
      removeProfile();
      resolve();
    });
  });
  let spawnError;
  child.once('error', (error) => {
    spawnError = error;
  });

  const failure = (why) => {
    const tail = stderr();
    return `Failed to launch ${executablePath}: ${why}${tail ? `\n--- browser stderr (last lines) ---\n${tail}` : ''}`;
  };
  const abort = async (error) => {
    child.kill('SIGKILL');
    await Promise.race([exited, delay(1000, undefined, { ref: false })]);
    removeProfile();
    throw error;
  };

  const start = async () => {
    if (pipeConnection) {
      // The first reply proves the browser is up and speaking CDP.
      await pipeConnection.sendToBrowser('Browser.getVersion', undefined, { timeout: 0 });
      return { connection: pipeConnection, wsEndpoint: undefined };
    }
    const wsEndpoint = await readActivePort(userDataDir, () => exitInfo === undefined && !spawnError && !timedOut);
    if (!wsEndpoint) throw new Error('the browser ended before it opened its DevTools port');
    const connection = await Connection.overWebSocket(wsEndpoint, { ...connectionOptions, headers: {} });
    return { connection, wsEndpoint };
  };

  let timedOut = false;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new TimeoutError('launch', timeout));
    }, timeout || 2 ** 31 - 1);
  });
  const ended = exited.then(() => {
    throw new Error(`the browser exited with ${exitInfo} before it was ready`);
  });
  let started;
  try {
    started = await Promise.race([start(), deadline, ended]);
  } catch (error) {
    pipeConnection?.close('launch failed');
    const why = spawnError ? spawnError.message : error.message;
    const launchError = error instanceof TimeoutError ? error : new Error(failure(why), { cause: error });
    if (error instanceof TimeoutError) launchError.message = failure(`not ready within ${timeout} ms`);
    return abort(launchError);
  } finally {
    clearTimeout(timer);
    ended.catch(() => {});
  }

  const shutdown = async (connection) => {
    connection.expectClose('close() was called');
    if (connection.connected) {
      await connection.sendToBrowser('Browser.close', undefined, { timeout: EXIT_GRACE_MS }).catch(() => {});
    }
    await Promise.race([exited, delay(EXIT_GRACE_MS, undefined, { ref: false })]);
    if (exitInfo === undefined) {
      child.kill('SIGKILL');
      await exited;
    }
    await connection.close('close() was called');
    removeProfile();
  };

  return Browser.attach(started.connection, { wsEndpoint: started.wsEndpoint, process: child, shutdown });
}

module.exports = { launch };
