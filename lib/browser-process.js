'use strict';
// One launched browser process: its exit, its last stderr lines, a kill that is safe before
// the spawn has succeeded, and the folders made for it (its temporary profile, its TMPDIR),
// removed once it has gone.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { killBrowserGroup, trackBrowser } = require('./cleanup');

/** Lines of the browser's stderr kept for error messages. */
const STDERR_LINES = 20;

/**
 * Waits for `promise`, at most `ms`. The timer holds Node's event loop meanwhile (the child
 * process is unref'd, so nothing else may), and is cleared as soon as `promise` settles, so
 * the process is not held for the rest of the wait.
 */
async function waitAtMost(promise, ms) {
  let timer;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the last lines of `stream`; returns a function that reads them. */
function tailOf(stream) {
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

class BrowserProcess {
  /** The ChildProcess. */
  child;
  /** Set when the spawn itself failed (ENOENT, EACCES); such a child never emits 'exit'. */
  spawnError = undefined;
  /** `code N` or `signal S` once the process has exited. */
  exitInfo = undefined;
  /** Resolves when the process has exited. */
  exited;
  /** Resolves once stderr has been read to its end (or the spawn failed). */
  #stdioClosed;
  #stderrTail;
  /** Folders made for this browser, removed once it has gone (never a profile the user gave). */
  #ownedFolders;
  /** Its entry in lib/cleanup.js. */
  #tracker;

  /**
   * `stdio` beyond stderr carries the pipe ends the browser gets as fds 3 and 4; `signals`
   * are those that kill it (see lib/cleanup.js).
   */
  constructor(executablePath, args, { env, extraStdio, ownedFolders, signals }) {
    this.#ownedFolders = ownedFolders;
    // Detached: the browser leads its own process group, so one kill reaches its helpers too.
    this.child = spawn(executablePath, args, { stdio: ['ignore', 'ignore', 'pipe', ...extraStdio], env, detached: true });
    this.#tracker = trackBrowser(this.child, { folders: ownedFolders, removeFolders: () => this.removeOwnedFolders(), signals });
    const untrack = () => this.#tracker.exited();
    // The open connection keeps Node alive, not the child process or its stderr.
    this.child.unref();
    this.child.stderr.unref?.();
    this.#stderrTail = tailOf(this.child.stderr);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        // Removes the folders now, or later if the browser's helpers still hold them.
        untrack();
        resolve();
      });
    });
    this.child.once('error', (error) => {
      this.spawnError = error;
      untrack();
    });
    this.#stdioClosed = new Promise((resolve) => {
      this.child.once('close', resolve);
      this.child.once('error', resolve);
    });
  }

  get running() {
    return this.exitInfo === undefined && this.spawnError === undefined;
  }

  /** The last lines the browser wrote to stderr. */
  stderr() {
    return this.#stderrTail();
  }

  /**
   * SIGKILL to the browser and its helpers. Never for a child that failed to spawn: it has
   * no pid, and signalling pid 0 would reach our whole process group.
   */
  kill() {
    if (this.spawnError === undefined) killBrowserGroup(this.child);
  }

  /** Kills the browser and waits (at most `ms`) until its exit and its last stderr are in. */
  async killAndSettle(ms) {
    this.kill();
    await waitAtMost(this.#stdioClosed, ms);
  }

  /** `fn(why)` hears why, just before a signal Node received makes cleanup kill the browser. */
  onSignalKill(fn) {
    this.#tracker.setNotice(fn);
  }

  /** Waits at most `ms` for the exit. */
  waitForExit(ms) {
    return this.spawnError ? Promise.resolve() : waitAtMost(this.exited, ms);
  }

  /**
   * Removes the folders made for the browser. Never throws: right after a kill its helper
   * processes may still write into them for a moment (ENOTEMPTY). False when one is left.
   */
  removeOwnedFolders() {
    return this.#ownedFolders.map(removeFolder).every(Boolean);
  }
}

/** Removes a folder and what is in it; false, never a throw, when that fails for now. */
function removeFolder(folder) {
  try {
    fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    return true;
  } catch {
    return false;
  }
}

module.exports = { BrowserProcess, removeFolder };
