'use strict';
// Finds and starts a local Chromium, connected over a pipe (default) or a WebSocket on a random
// loopback port, with a temporary profile and a TMPDIR of its own, removed when the browser
// goes away. The flags, the port file's name and how its text reads come from the addon
// (src/binding/launch.rs over crates/launch, which the Python face launches with). The
// folders are made and the port file read here, where the runtime's permission checks apply
// (native code would bypass them), and the spawn is child_process's: browser.process() is a
// ChildProcess.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: delay } = require('node:timers/promises');
const { connectionLink } = require('./connection-link');
const { Browser } = require('./browser');
const { Deadline } = require('./deadline');
const { LaunchTimeoutError, TimeoutError } = require('./errors');
const { BrowserProcess, removeFolder } = require('./browser-process');
const { checkOptions } = require('./options');
const { findExecutable } = require('./find-executable');
const { ACTIVE_PORT_FILE, activePortUrl, browserArgs, chooseProfile: nativeChooseProfile } = require('../binding.js');

/** How long close() waits for the browser to exit by itself before killing it. */
const EXIT_GRACE_MS = 5000;
/** The signals a browser can be launched to handle, by their option names. */
const SIGNAL_OPTIONS = { SIGINT: 'handleSIGINT', SIGTERM: 'handleSIGTERM', SIGHUP: 'handleSIGHUP' };

/**
 * The profile: `userDataDir`, or a `--user-data-dir=` in `args` (Chromium takes the last
 * one, so the launcher must read the port file from that folder), or a fresh temporary one.
 * Returns `{ userDataDir, owned, args }`, `args` without the flag (browserArgs names it once).
 */
function chooseProfile(options) {
  let choice;
  try {
    choice = nativeChooseProfile(options.userDataDir, options.args);
  } catch (error) {
    // The one refusal: the option and the flag name different folders.
    throw new TypeError(error.message);
  }
  const { given, args } = choice;
  if (given != null) return { userDataDir: given, owned: false, args };
  // mkdtemp makes the folder mode 0700: the profile holds cookies and the DevTools port. Made
  // here, not by the addon, so that the runtime's permission checks on writing apply.
  return { userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-profile-')), owned: true, args };
}

/**
 * Chromium leaves `DevToolsActivePort` behind when it is killed: read on the next launch with
 * the same profile, its stale port would be refused, or belong to another browser by now.
 */
function removeStaleActivePort(userDataDir) {
  try {
    fs.rmSync(path.join(userDataDir, ACTIVE_PORT_FILE), { force: true });
  } catch (error) {
    throw new Error(`launch(): cannot remove the stale ${ACTIVE_PORT_FILE} in ${userDataDir}: ${error.message}`, { cause: error });
  }
}

/** Polls `DevToolsActivePort` in the profile (locale-independent, unlike scraping stderr). */
async function readActivePort(userDataDir, stillStarting) {
  const file = path.join(userDataDir, ACTIVE_PORT_FILE);
  while (stillStarting()) {
    try {
      const wsEndpoint = activePortUrl(fs.readFileSync(file, 'utf8'));
      if (wsEndpoint) return wsEndpoint;
    } catch {
      // not written yet
    }
    await delay(25);
  }
  return undefined;
}

/**
 * Waits until the browser speaks CDP: over a pipe its first reply, over a WebSocket its
 * DevTools port and the upgrade. Rejects when `deadline` ends (the upgrade is cancelled then)
 * or when the browser ends first. Resolves with the browser's WebSocket URL (none over a pipe).
 */
async function untilReady(browserProcess, link, transport, userDataDir, deadline) {
  const start = async () => {
    if (transport === 'pipe') {
      await link.ready(deadline.signal);
      return undefined;
    }
    const wsEndpoint = await readActivePort(userDataDir, () => browserProcess.running && deadline.error === undefined);
    if (!wsEndpoint) throw new Error('the browser ended before it opened its DevTools port');
    const opening = link.openWebSocket(wsEndpoint, deadline.signal);
    // An upgrade done just as the deadline passed is closed at once.
    opening.then(
      () => deadline.error && link.close('launch() failed'),
      () => {},
    );
    await opening;
    return wsEndpoint;
  };
  const ended = browserProcess.exited.then(() => {
    throw new Error(`the browser exited with ${browserProcess.exitInfo} before it was ready`);
  });
  try {
    return await deadline.race(Promise.race([start(), ended]));
  } finally {
    ended.catch(() => {});
  }
}

/** The error a failed launch rejects with: the cause as best known, and the browser's stderr. */
function launchError(executablePath, browserProcess, error, timeout) {
  const { spawnError, exitInfo } = browserProcess;
  const tail = browserProcess.stderr();
  if (error instanceof TimeoutError) return new LaunchTimeoutError(executablePath, timeout, tail);
  const stderr = tail ? `\n--- browser stderr (last lines) ---\n${tail}` : '';
  let why = error.message;
  if (spawnError) why = spawnError.message;
  // Over a pipe the EOF often comes before the exit status: prefer the status when it came
  // from the browser itself, not from our kill.
  else if (exitInfo !== undefined && exitInfo !== 'signal SIGKILL') why = `the browser exited with ${exitInfo} before it was ready`;
  return new Error(`Failed to launch ${executablePath}: ${why}${stderr}`, { cause: error });
}

/**
 * Starts a browser for launch()'s checked `options`, spoken to through `link`: what uses the
 * browser, a Connection for launch() (connectionLink below) or a library's transport
 * (lib/adapters/raw-transport.js). A link has
 *   openPipe() → native             opens the pipe (before the spawn: it has the browser's fds)
 *   openWebSocket(url, signal)      opens the WebSocket (after the spawn)
 *   ready(signal) → Promise         over a pipe, resolves with the browser's first reply
 *   expectClose(why)                the browser is going because we asked for it
 *   connected                       true while its transport is open
 *   closeBrowser(ms) → Promise      asks the browser to close (Browser.close); never rejects
 *   close(reason) → Promise         ends its transport, if open; resolves once handled
 * Once the browser is ready, `attach({ wsEndpoint, process, shutdown })` makes what launch()
 * returns, within the launch's deadline; `shutdown()` closes the browser, its transport and
 * removes its folders, and runs if `attach` fails.
 */
async function startBrowser(checked, link, attach) {
  const { transport, timeout, headless } = checked;
  // The pipe hands the browser fds 3 and 4, which Windows does not have (src/binding/connect.rs).
  if (transport === 'pipe' && process.platform === 'win32') {
    throw new Error("launch(): the pipe transport is not available on Windows; pass transport: 'websocket'");
  }
  const executablePath = findExecutable(checked.executablePath);
  const { userDataDir, owned, args } = chooseProfile(checked);
  const ownedFolders = owned ? [userDataDir] : [];
  let browserTmp;
  try {
    if (transport === 'websocket') removeStaleActivePort(userDataDir);
    // The browser's own TMPDIR: what Chromium leaves there when it is killed
    // (org.chromium.Chromium.*) goes with the folder.
    browserTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-tmp-'));
    ownedFolders.push(browserTmp);
  } catch (error) {
    for (const folder of ownedFolders) removeFolder(folder);
    throw error;
  }
  const signals = Object.keys(SIGNAL_OPTIONS).filter((signal) => checked[SIGNAL_OPTIONS[signal]]);
  const pipe = transport === 'pipe' ? link.openPipe() : undefined;

  let browserProcess;
  try {
    browserProcess = new BrowserProcess(executablePath, browserArgs({ headless, userDataDir, transport, args }), {
      env: { ...(checked.env ?? process.env), TMPDIR: browserTmp },
      extraStdio: pipe?.browserFds ?? [],
      ownedFolders,
      signals,
    });
  } catch (error) {
    link.close('launch failed');
    // Never masks the spawn error with one from the removal.
    for (const folder of ownedFolders) removeFolder(folder);
    throw error;
  } finally {
    // Our copies of the browser's pipe ends must go, or its exit would never read as EOF.
    pipe?.closeBrowserFds();
  }
  // Pending calls and the close's cause then say which signal ended the browser.
  browserProcess.onSignalKill((why) => link.expectClose(why));

  let wsEndpoint;
  // The whole launch, up to the first command of `attach`, is bounded by `timeout`.
  const deadline = new Deadline({ timeout, method: 'launch', makeTimeoutError: () => new TimeoutError('launch', timeout, 'launch()') });
  try {
    wsEndpoint = await untilReady(browserProcess, link, transport, userDataDir, deadline);
  } catch (error) {
    deadline.clear();
    link.close('launch failed');
    // Wait for the exit status and the last stderr lines, to say why it failed.
    await browserProcess.killAndSettle(1000);
    await browserProcess.waitForExit(1000);
    browserProcess.removeOwnedFolders();
    throw launchError(executablePath, browserProcess, error, timeout);
  }

  const shutdown = async () => {
    link.expectClose('close() was called');
    if (link.connected) await link.closeBrowser(EXIT_GRACE_MS);
    await browserProcess.waitForExit(EXIT_GRACE_MS);
    if (browserProcess.running) {
      browserProcess.kill();
      await browserProcess.waitForExit(EXIT_GRACE_MS);
    }
    await link.close('close() was called');
    browserProcess.removeOwnedFolders();
  };
  // A browser that never answers the first command is closed when the deadline passes.
  deadline.onEnd(() => link.close('launch() timed out'));
  try {
    return await attach({ wsEndpoint, process: browserProcess.child, shutdown });
  } catch (error) {
    await shutdown();
    throw deadline.error ? launchError(executablePath, browserProcess, deadline.error, timeout) : error;
  } finally {
    deadline.clear();
  }
}

async function launch(options = {}) {
  const checked = checkOptions('launch', options, 'launch()');
  const link = connectionLink(checked);
  return startBrowser(checked, link, (browserOptions) => Browser.attach(link.connection, browserOptions));
}

module.exports = { launch, startBrowser };
