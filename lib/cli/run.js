'use strict';
// One run of the command: what to undo at the end (page, browser), and how it ends early.
// Ctrl-C (SIGINT) or SIGTERM while streaming or in the repl is the normal way to stop: the run
// winds down and exits 0. Before that (launching, waiting for a result) it cleans up and
// exits 130, as an interrupted command does. A closed stdout (`| head`) ends it like Ctrl-C.

const SIGNALS = ['SIGINT', 'SIGTERM'];
const INTERRUPTED_EXIT_CODE = 130;

class Run {
  /** Undo steps, run last-in first-out. */
  #cleanups = [];
  #cleaning = undefined;
  /** True while a stop request is the expected end (streaming, repl). */
  #stoppable = false;
  #stopRequested = false;
  #onStop = [];
  #onSignal = (signal) => this.#signalled(signal);
  #onStdoutError = (error) => this.#stdoutFailed(error);

  constructor() {
    for (const signal of SIGNALS) process.on(signal, this.#onSignal);
    process.stdout.on('error', this.#onStdoutError);
  }

  /** Registers `fn` to run at the end; its failure is ignored (the run's outcome is what counts). */
  onCleanup(fn) {
    this.#cleanups.push(fn);
  }

  /** Runs the cleanups once; later calls wait for the same run. */
  cleanup() {
    this.#cleaning ??= (async () => {
      while (this.#cleanups.length > 0) {
        const fn = this.#cleanups.pop();
        try {
          await fn();
        } catch {
          // Cleaning up after a failure must not hide it.
        }
      }
    })();
    return this.#cleaning;
  }

  /**
   * Resolves on Ctrl-C, SIGTERM, a closed stdout, or when `stop()` is called; from now on
   * those end the run normally.
   */
  untilStopped() {
    this.#stoppable = true;
    return new Promise((resolve) => {
      if (this.#stopRequested) resolve();
      else this.#onStop.push(resolve);
    });
  }

  /** True once a stop was asked for (Ctrl-C, SIGTERM, a closed stdout, `stop()`). */
  get stopRequested() {
    return this.#stopRequested;
  }

  /** Ends a wait of `untilStopped()`. */
  stop() {
    this.#stopRequested = true;
    for (const resolve of this.#onStop.splice(0)) resolve();
  }

  /** Removes the process-wide handlers, so nothing of the run is left behind. */
  dispose() {
    for (const signal of SIGNALS) process.off(signal, this.#onSignal);
    process.stdout.off('error', this.#onStdoutError);
  }

  #signalled(signal) {
    if (this.#stoppable && !this.#stopRequested) {
      this.stop();
      return;
    }
    // Interrupted before a result (or a second time): clean up, then go.
    process.stderr.write(`cdp-native: interrupted (${signal})\n`);
    this.cleanup().finally(() => process.exit(INTERRUPTED_EXIT_CODE));
  }

  #stdoutFailed(error) {
    // Nobody reads our output any more: nothing left to do but close.
    if (error.code === 'EPIPE') {
      this.stop();
      if (!this.#stoppable) this.cleanup().finally(() => process.exit(0));
      return;
    }
    process.stderr.write(`cdp-native: cannot write to stdout: ${error.message}\n`);
    this.cleanup().finally(() => process.exit(1));
  }
}

module.exports = { Run };
