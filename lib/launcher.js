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

/**
 * Waits for `promise`, at most `ms`. The timer holds Node's event loop meanwhile (the child
 * process is unref'd, so nothing else may), and is cleared as soon as `promise` settles, so
 * the process is not held for the rest of the grace period.
 */
async function waitAtMost(promise, ms) {
  let timer;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

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
  // Never throws: right after the browser is killed its helper processes may still write
  // into the profile for a moment, and rmSync then fails (ENOTEMPTY). A throw here would be
  // an uncaught exception in the child's 'exit' listener. False when the folder is left.
  const removeProfile = () => {
    if (!ownsProfile) return true;
    try {
      fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      return true;
    } catch {
      return false;
    }
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
      // One more try once the helper processes have gone too (close() also tries again).
      if (!removeProfile()) setTimeout(removeProfile, 1000).unref();
      resolve();
    });
  });
  let spawnError;
  child.once('error', (error) => {
    spawnError = error;
    // A child that failed to spawn never emits 'exit'.
    untrack();
  });
  // Never kill() a child that failed to spawn: until its 'error' event Node would signal
  // pid 0, which is our whole process group (the caller, its test runner, its shell).
  const kill = () => {
    if (child.pid !== undefined && !spawnError) child.kill('SIGKILL');
  };
  // 'close' comes after 'exit', once stderr has been read to its end.
  const stdioClosed = new Promise((resolve) => {
    child.once('close', resolve);
    child.once('error', resolve);
  });

  const failure = (why) => {
    const tail = stderr();
    return `Failed to launch ${executablePath}: ${why}${tail ? `\n--- browser stderr (last lines) ---\n${tail}` : ''}`;
  };
  const abort = async (error) => {
    kill();
    // A browser that could not be spawned never emits 'exit'.
    if (!spawnError) await waitAtMost(exited, 1000);
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
    // Over a pipe the EOF can come before the spawn error, the exit status and the last
    // stderr lines: wait for them (killing a browser that is still up) to say why it failed.
    kill();
    await waitAtMost(stdioClosed, 1000);
    const exitedByItself = exitInfo !== undefined && exitInfo !== 'signal SIGKILL';
    const why = spawnError
      ? spawnError.message
      : exitedByItself && !(error instanceof TimeoutError)
        ? `the browser exited with ${exitInfo} before it was ready`
        : error.message;
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
    await waitAtMost(exited, EXIT_GRACE_MS);
    if (exitInfo === undefined) {
      kill();
      await waitAtMost(exited, EXIT_GRACE_MS);
    }
    await connection.close('close() was called');
    removeProfile();
  };

  return Browser.attach(started.connection, { wsEndpoint: started.wsEndpoint, process: child, shutdown });
}

module.exports = { launch };
