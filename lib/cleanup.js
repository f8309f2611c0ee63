'use strict';
// Launched browsers die with the Node process, and the folders made for them go with them:
// on exit, on the signals a browser was launched to handle (handleSIGINT, handleSIGTERM,
// handleSIGHUP, as Puppeteer's options), and when a worker thread is terminated (then no
// JavaScript runs: the native BrowserGuard's environment cleanup hook does it).

const { BrowserGuard } = require('../binding.js');

/** child → { child, guard, signals, notice } for each browser still running. */
const live = new Map();
/** Browsers that have exited but whose folders could not be removed yet: entry → remover. */
const leftovers = new Map();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Signals we listen to now. */
const listening = new Set();

/**
 * SIGKILL to a launched browser and its helper processes, which share its process group (it
 * is spawned detached): helpers left behind would go on writing into its profile.
 */
function killBrowserGroup(child) {
  // A child that failed to spawn has no pid; signalling 0 or -0 would hit our own group.
  if (!(child.pid > 0)) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Node is exiting: every browser is killed and every folder removed, synchronously. */
function killAll() {
  // The guard's kill is Unix-only (a process group); child.kill reaches the browser elsewhere.
  // Only for browsers still running: an exited one's pid may be another process's by now.
  for (const entry of live.values()) killBrowserGroup(entry.child);
  for (const entry of [...live.values(), ...leftovers.keys()]) entry.guard.killNow();
  live.clear();
  leftovers.clear();
  updateHandlers();
}

function onSignal(signal) {
  const why = `Node received ${signal}`;
  // Had we not listened, the signal would have ended Node: unless someone else listens, it
  // still does, once the browsers are gone.
  const ending = process.listenerCount(signal) === 1;
  for (const entry of live.values()) {
    if (ending || entry.signals.has(signal)) entry.notice?.(why);
  }
  if (ending) {
    killAll();
    for (const name of [...listening]) process.off(name, onSignal);
    listening.clear();
    process.off('exit', killAll);
    process.kill(process.pid, signal);
    return;
  }
  // The application handles the signal and goes on: only the browsers launched to handle it
  // are killed; their exit removes their folders as usual.
  for (const entry of live.values()) if (entry.signals.has(signal)) killBrowserGroup(entry.child);
}

function updateHandlers() {
  const wanted = new Set();
  for (const entry of live.values()) for (const signal of entry.signals) wanted.add(signal);
  const needed = live.size + leftovers.size > 0;
  if (needed && process.listeners('exit').indexOf(killAll) === -1) process.on('exit', killAll);
  if (!needed) process.off('exit', killAll);
  for (const signal of SIGNALS) {
    if (wanted.has(signal) && !listening.has(signal)) {
      process.on(signal, onSignal);
      listening.add(signal);
    } else if (!wanted.has(signal) && listening.has(signal)) {
      process.off(signal, onSignal);
      listening.delete(signal);
    }
  }
}

/**
 * Tracks a launched browser. `folders` are those made for it, which `removeFolders()` removes
 * (true once they are gone); `signals` those it was launched to handle. Returns
 * `{ exited(), setNotice(fn) }`: call `exited()` once it has exited (or failed to start): its
 * folders are removed then, and if that fails for now, a second later, and at the latest when
 * Node exits. `fn(why)` is told why, just before a signal makes us kill the browser.
 */
function trackBrowser(child, { folders, removeFolders, signals }) {
  // A child that failed to spawn has no pid: its guard only removes the folders.
  const entry = { child, guard: new BrowserGuard(Math.max(child.pid ?? 0, 0), folders), signals: new Set(signals), notice: undefined };
  live.set(child, entry);
  updateHandlers();
  const done = () => {
    leftovers.delete(entry);
    entry.guard.disarm();
    updateHandlers();
  };
  return {
    setNotice(fn) {
      entry.notice = fn;
    },
    exited() {
      if (!live.delete(child)) return;
      entry.guard.exited();
      if (removeFolders()) return done();
      leftovers.set(entry, removeFolders);
      setTimeout(() => {
        if (leftovers.has(entry) && removeFolders()) done();
      }, 1000).unref();
      updateHandlers();
    },
  };
}

module.exports = { killBrowserGroup, trackBrowser };
