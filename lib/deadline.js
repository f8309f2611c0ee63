'use strict';
// One deadline for a multi-step operation (connect(): the /json/version request, the
// WebSocket upgrade, the first command): a timeout over the whole of it, not per step, and
// the caller's AbortSignal. Each step either takes `signal` or registers what to close.

const { AbortError, timeoutOrAbortError } = require('./errors');
const { onAbort, signalAborted, signalReason } = require('./abort');

class Deadline {
  #controller = new AbortController();
  #timer = undefined;
  /** Unregisters the listener on the caller's signal. */
  #offUserAbort = () => {};
  /** Functions to call once the deadline passes or the caller aborts. */
  #onEnd = new Set();

  /**
   * `timeout` in ms, 0 for none; on expiry the signal's reason is `makeTimeoutError()`.
   * `signal` is the caller's (already checked to be an AbortSignal), or undefined; on its
   * abort the reason is an AbortError for `method` (a TimeoutError for AbortSignal.timeout()).
   */
  constructor({ timeout, signal, method, makeTimeoutError }) {
    if (signal !== undefined) {
      if (signalAborted(signal)) {
        this.#end(timeoutOrAbortError(method, signalReason(signal)));
        return;
      }
      this.#offUserAbort = onAbort(signal, () => this.#end(timeoutOrAbortError(method, signalReason(signal))));
    }
    if (timeout > 0) {
      this.#timer = setTimeout(() => this.#end(makeTimeoutError()), timeout);
      // The work under the deadline keeps the process alive, not the deadline.
      this.#timer.unref();
    }
  }

  /** Aborted, with the TimeoutError or AbortError as its reason, once the deadline is over. */
  get signal() {
    return this.#controller.signal;
  }

  /** The TimeoutError or AbortError, once the deadline is over; else undefined. */
  get error() {
    return this.#controller.signal.aborted ? this.#controller.signal.reason : undefined;
  }

  /** Calls `fn` when the deadline ends (now, if it has); returns a function that unregisters it. */
  onEnd(fn) {
    if (this.error !== undefined) {
      fn();
      return () => {};
    }
    this.#onEnd.add(fn);
    return () => this.#onEnd.delete(fn);
  }

  /** Rejects with the deadline's error if it ends before `promise` settles. */
  race(promise) {
    if (this.error !== undefined) {
      // The work was started all the same: its own failure is not to go unhandled.
      promise.catch(() => {});
      return Promise.reject(this.error);
    }
    let off;
    const ended = new Promise((_, reject) => {
      off = this.onEnd(() => reject(this.error));
    });
    return Promise.race([promise, ended]).finally(off);
  }

  /** Stops the timer and lets go of the caller's signal: the operation is over. */
  clear() {
    clearTimeout(this.#timer);
    this.#offUserAbort();
    this.#onEnd.clear();
  }

  #end(error) {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort(error instanceof Error ? error : new AbortError('the operation', error));
    clearTimeout(this.#timer);
    for (const fn of [...this.#onEnd]) fn();
    this.#onEnd.clear();
  }
}

module.exports = { Deadline };
