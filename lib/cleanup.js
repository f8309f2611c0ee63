'use strict';
// Launched browsers die with the Node process: on exit, and on the signals that would
// otherwise end Node without running its 'exit' listeners.

/** child → removes its temporary profile */
const live = new Map();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function killAll() {
  for (const [child, removeProfile] of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
    try {
      removeProfile();
    } catch {
      // best effort while exiting
    }
  }
  live.clear();
}

function onSignal(signal) {
  killAll();
  uninstall();
  // Do what the signal would have done had we not listened, unless someone else listens.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install() {
  process.on('exit', killAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall() {
  process.off('exit', killAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Tracks a launched browser until the returned function is called (when it has exited). */
function trackBrowser(child, removeProfile) {
  if (live.size === 0) install();
  live.set(child, removeProfile);
  return () => {
    if (live.delete(child) && live.size === 0) uninstall();
  };
}

module.exports = { trackBrowser };
