'use strict';
// Launched browsers die with the Node process, and their temporary profiles go with them: on
// exit, and on the signals that would otherwise end Node without running its 'exit' listeners.

/** child → removes its temporary profile (true once it is gone) */
const live = new Map();
/** Removers of profiles whose browser has exited but whose folder could not be removed yet. */
const leftovers = new Set();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** For a synchronous sleep while exiting. */
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Removes a profile, retrying for a moment: right after a kill the browser's helper
 * processes may still write into it. Synchronous, since it runs while Node exits.
 */
function removeWithRetries(remove) {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (remove()) return;
    Atomics.wait(sleepCell, 0, 0, 25);
  }
}

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

function killAll() {
  for (const child of live.keys()) killBrowserGroup(child);
  for (const remove of [...live.values(), ...leftovers]) removeWithRetries(remove);
  live.clear();
  leftovers.clear();
}

function onSignal(signal) {
  killAll();
  uninstall();
  // Do what the signal would have done had we not listened, unless someone else listens.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;

function updateHandlers() {
  const needed = live.size + leftovers.size > 0;
  if (needed && !installed) {
    process.on('exit', killAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  } else if (!needed && installed) {
    uninstall();
  }
  installed = needed;
}

function uninstall() {
  process.off('exit', killAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
  installed = false;
}

/**
 * Tracks a launched browser. Call the returned function once it has exited (or failed to
 * start): it removes the profile, and if that fails for now, tries again a second later and
 * at the latest when Node exits.
 */
function trackBrowser(child, removeProfile) {
  live.set(child, removeProfile);
  updateHandlers();
  return () => {
    if (!live.delete(child)) return;
    if (!removeProfile()) {
      leftovers.add(removeProfile);
      setTimeout(() => {
        if (removeProfile()) leftovers.delete(removeProfile);
        updateHandlers();
      }, 1000).unref();
    }
    updateHandlers();
  };
}

module.exports = { killBrowserGroup, trackBrowser };
