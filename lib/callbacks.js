'use strict';
// The pending calls of one session: each is registered before its bytes are sent, carries
// its own timer and AbortSignal, and is removed whichever way it settles. One idempotent
// close path rejects everything still pending.

const { ProtocolError, TargetClosedError, TimeoutError, AbortError, withCallerStack } = require('./errors');

class CallbackRegistry {
  /** id → pending call */
  #pending = new Map();
  /** Ids of calls that timed out or were aborted: their late replies are expected, not strays. */
  #abandoned = new Set();

  get size() {
    return this.#pending.size;
  }

  /**
   * Registers call `id` and returns the promise of its result. `trace` is an Error made in
   * `send`, whose stack becomes the stack of any rejection.
   */
  create(id, method, timeout, signal, trace) {
    return new Promise((resolve, reject) => {
      const call = { method, resolve, reject, trace, timer: undefined, signal, onAbort: undefined };
      if (timeout > 0) {
        call.timer = setTimeout(() => this.#abandon(id, new TimeoutError(method, timeout)), timeout);
        // A pending call alone never keeps the process alive; the open connection does.
        call.timer.unref();
      }
      if (signal) {
        call.onAbort = () => this.#abandon(id, new AbortError(method, signal.reason));
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      this.#pending.set(id, call);
    });
  }

  /** True while call `id` waits for its reply. */
  isPending(id) {
    return this.#pending.has(id);
  }

  /** Call `id` ended before its command was sent: no late reply is to be expected. */
  neverSent(id) {
    this.#abandoned.delete(id);
  }

  /** Settles call `id` from its reply. False when no call with that id was ever sent here. */
  settle(id, reply) {
    const call = this.#take(id);
    if (!call) return this.#abandoned.delete(id);
    if (reply.error) {
      call.reject(withCallerStack(new ProtocolError(call.method, reply.error), call.trace));
    } else {
      call.resolve(reply.result);
    }
    return true;
  }

  /** Rejects call `id` with `error` (its stack replaced by the caller's). */
  #fail(id, error) {
    const call = this.#take(id);
    if (call) call.reject(withCallerStack(error, call.trace));
  }

  /** Rejects call `id` whose reply may still come. */
  #abandon(id, error) {
    this.#abandoned.add(id);
    this.#fail(id, error);
  }

  /** Rejects call `id` because the session ended (`ended`, lib/causes.js) before it could be answered or sent. */
  fail(id, ended) {
    const call = this.#pending.get(id);
    if (call) this.#fail(id, new TargetClosedError(call.method, ended));
  }

  /** Rejects every pending call with a TargetClosedError telling how the session ended. */
  rejectAll(ended) {
    for (const id of [...this.#pending.keys()]) this.fail(id, ended);
    this.#abandoned.clear();
  }

  #take(id) {
    const call = this.#pending.get(id);
    if (!call) return undefined;
    this.#pending.delete(id);
    if (call.timer) clearTimeout(call.timer);
    if (call.onAbort) call.signal.removeEventListener('abort', call.onAbort);
    return call;
  }
}

module.exports = { CallbackRegistry };
