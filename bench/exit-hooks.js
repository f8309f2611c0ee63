'use strict';
// Last-resort cleanup: whatever the bench started (Chromium, the mock server, a runner) is
// ended by its pid, and temporary folders are removed, even when the bench is interrupted
// or crashes. The normal path stops things itself and then forgets the hook.

const hooks = new Set();
let installed = false;

/** Runs `fn` (synchronous) if the process exits before `forget()` is called. */
function onExit(fn) {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        process.stderr.write(`\nbench: ${signal}, stopping what it started\n`);
        process.exit(130);
      });
    }
  }
  hooks.add(fn);
  return { forget: () => hooks.delete(fn) };
}

function runAll() {
  for (const fn of hooks) {
    try {
      fn();
    } catch {
      // cleanup is best effort here; the normal path reports its errors
    }
  }
  hooks.clear();
}

/** Kills `pid` if it is still running; never throws. */
function killQuietly(pid, signal = 'SIGKILL') {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

module.exports = { onExit, killQuietly };
