'use strict';
// session.waitForEvent(): the next event of one name (that a predicate accepts), bounded by a
// timeout and an AbortSignal, and rejected when the session ends first. Each session has one
// EventWaiters; it keeps one listener per event name and one 'detached' listener however many
// waits are pending, so a hundred concurrent waits print no MaxListenersExceededWarning.

const { AbortError, TargetClosedError, TimeoutError, withCallerStack } = require('./errors');

/** The longest delay setTimeout takes. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const OPTION_NAMES = ['predicate', 'timeout', 'signal'];

/** The session's own end event: waiting for it resolves when the session ends, never rejects. */
const END_EVENT = 'detached';

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** The options of one wait, checked; throws a TypeError naming the bad one. */
function readOptions(name, options, protocolTimeout) {
  const where = `waitForEvent(${JSON.stringify(name)})`;
  // A protocolTimeout past setTimeout's range (Infinity) means none, as 0 does.
  const defaultTimeout = protocolTimeout > MAX_TIMEOUT_MS ? 0 : protocolTimeout;
  if (options === undefined) return { predicate: undefined, timeout: defaultTimeout, signal: undefined };
  const proto = options === null || typeof options !== 'object' ? undefined : Object.getPrototypeOf(options);
  if (proto === undefined || (proto !== null && Object.getPrototypeOf(proto) !== null)) {
    throw new TypeError(`${where}: options must be a plain object such as { timeout: 5000 }, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).find((key) => !OPTION_NAMES.includes(key));
  if (unknown !== undefined) {
    throw new TypeError(`${where}: unknown option ${JSON.stringify(unknown)}; the options are ${OPTION_NAMES.join(', ')}`);
  }
  const { predicate, timeout = defaultTimeout, signal } = options;
  if (predicate !== undefined && typeof predicate !== 'function') {
    throw new TypeError(`${where}: options.predicate must be a function of the event's params, got ${describe(predicate)}`);
  }
  if (!(typeof timeout === 'number' && timeout >= 0 && timeout <= MAX_TIMEOUT_MS)) {
    throw new TypeError(
      `${where}: options.timeout must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS} (0 = none), got ${describe(timeout)}`,
    );
  }
  if (signal !== undefined && Object.prototype.toString.call(signal) !== '[object AbortSignal]') {
    throw new TypeError(`${where}: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  return { predicate, timeout, signal };
}

function timeoutError(name, timeout) {
  const error = new TimeoutError(name, timeout);
  error.message = `waiting for ${name} timed out after ${timeout} ms (the wait's timeout option, by default the protocolTimeout; 0 = none)`;
  return error;
}

function abortError(name, reason) {
  // AbortSignal.timeout() aborts with a DOMException named TimeoutError: it is a timeout.
  if (reason?.name === 'TimeoutError') {
    const error = new TimeoutError(name, undefined);
    error.message = `waiting for ${name} timed out: its signal (AbortSignal.timeout()) fired`;
    error.cause = reason;
    return error;
  }
  const error = new AbortError(name, reason);
  error.message = `waiting for ${name} was aborted${reason instanceof Error ? `: ${reason.message}` : reason === undefined ? '' : `: ${String(reason)}`}`;
  return error;
}

/** `ended` is the session's end as 'detached' gives it: `{ code, reason, closeCode? }`. */
function endError(name, ended) {
  const error = new TargetClosedError(name, ended);
  error.message = `waiting for ${name}: the session has ended: ${ended.reason}`;
  return error;
}

class EventWaiters {
  #session;
  /** Returns how the session ended (`{ code, reason, closeCode? }`), or undefined while attached. */
  #ended;
  /** Event name → the pending waits for it, oldest first. */
  #byName = new Map();
  /** Event name → the one session listener that serves those waits. */
  #listeners = new Map();
  /** AbortSignal → the waits it cancels, so that one listener serves them all. */
  #bySignal = new Map();
  #onEnd = (info) => this.#end(info);

  /** `ended()` says how the session ended (lib/causes.js), or undefined while it is attached. */
  constructor(session, ended) {
    this.#session = session;
    this.#ended = ended;
  }

  /** The promise of the next `name` event that `options.predicate` accepts. */
  wait(name, options, protocolTimeout) {
    // Made here, so that a rejection shows the caller's line, not a timer's.
    const trace = new Error();
    let settings;
    try {
      if (typeof name !== 'string' || name === '') {
        throw new TypeError(`waitForEvent(name): name must be an event name such as 'Page.loadEventFired', got ${describe(name)}`);
      }
      settings = readOptions(name, options, protocolTimeout);
    } catch (error) {
      return Promise.reject(error);
    }
    const ended = this.#ended();
    if (ended !== undefined) {
      if (name === END_EVENT) return Promise.resolve({ ...ended });
      return Promise.reject(withCallerStack(endError(name, ended), trace));
    }
    if (settings.signal?.aborted) return Promise.reject(withCallerStack(abortError(name, settings.signal.reason), trace));

    return new Promise((resolve, reject) => {
      const waiter = { name, predicate: settings.predicate, signal: settings.signal, timer: undefined, resolve, reject, trace };
      if (settings.timeout > 0) {
        waiter.timer = setTimeout(() => this.#fail(waiter, timeoutError(name, settings.timeout)), settings.timeout);
        // A wait alone never keeps the process alive; the open connection does.
        waiter.timer.unref();
      }
      this.#add(waiter);
    });
  }

  #add(waiter) {
    let waiters = this.#byName.get(waiter.name);
    if (!waiters) {
      waiters = new Set();
      this.#byName.set(waiter.name, waiters);
      const listener = (value) => this.#deliver(waiter.name, value);
      this.#listeners.set(waiter.name, listener);
      this.#session.on(waiter.name, listener);
    }
    waiters.add(waiter);
    if (this.#byName.size === 1 && waiters.size === 1) this.#session.on(END_EVENT, this.#onEnd);
    if (waiter.signal) {
      let cancelled = this.#bySignal.get(waiter.signal);
      if (!cancelled) {
        cancelled = { waiters: new Set(), onAbort: () => this.#aborted(waiter.signal) };
        this.#bySignal.set(waiter.signal, cancelled);
        waiter.signal.addEventListener('abort', cancelled.onAbort, { once: true });
      }
      cancelled.waiters.add(waiter);
    }
  }

  /** Removes `waiter` and whatever served only it (timer, listeners). */
  #remove(waiter) {
    const waiters = this.#byName.get(waiter.name);
    if (!waiters?.delete(waiter)) return false;
    clearTimeout(waiter.timer);
    if (waiters.size === 0) {
      this.#byName.delete(waiter.name);
      this.#session.off(waiter.name, this.#listeners.get(waiter.name));
      this.#listeners.delete(waiter.name);
      if (this.#byName.size === 0) this.#session.off(END_EVENT, this.#onEnd);
    }
    const cancelled = waiter.signal && this.#bySignal.get(waiter.signal);
    if (cancelled) {
      cancelled.waiters.delete(waiter);
      if (cancelled.waiters.size === 0) {
        this.#bySignal.delete(waiter.signal);
        waiter.signal.removeEventListener('abort', cancelled.onAbort);
      }
    }
    return true;
  }

  #fail(waiter, error) {
    if (this.#remove(waiter)) waiter.reject(withCallerStack(error, waiter.trace));
  }

  /** One event: each wait whose predicate accepts it resolves, in the order they were made. */
  #deliver(name, value) {
    for (const waiter of [...(this.#byName.get(name) ?? [])]) {
      let accepted = true;
      if (waiter.predicate) {
        try {
          accepted = waiter.predicate(value);
        } catch (error) {
          // The predicate's own error is the wait's outcome, as a listener's would be its.
          if (this.#remove(waiter)) waiter.reject(error);
          continue;
        }
        if (typeof accepted?.then === 'function') {
          this.#fail(
            waiter,
            new TypeError(
              `waitForEvent(${JSON.stringify(name)}): the predicate returned a promise; it must decide synchronously (return true or false)`,
            ),
          );
          continue;
        }
      }
      if (accepted && this.#remove(waiter)) waiter.resolve(value);
    }
  }

  #aborted(signal) {
    const cancelled = this.#bySignal.get(signal);
    if (!cancelled) return;
    for (const waiter of [...cancelled.waiters]) this.#fail(waiter, abortError(waiter.name, signal.reason));
  }

  /** The session ended: every wait rejects, except a wait for the end itself, which resolves. */
  #end(info) {
    for (const [name, waiters] of [...this.#byName]) {
      if (name === END_EVENT) continue;
      for (const waiter of [...waiters]) this.#fail(waiter, endError(name, info));
    }
  }
}

module.exports = { EventWaiters, MAX_TIMEOUT_MS };
