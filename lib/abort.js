'use strict';
// AbortSignals given by users: a brand check that a look-alike cannot pass, reads that no own
// property can make throw, and one real 'abort' listener per signal however many calls share
// it (so that a signal shared by many sends never trips MaxListenersExceededWarning).

const { getOwnPropertyDescriptor } = Object;

/** Node's own getters check their receiver: they throw for anything but a real AbortSignal. */
const abortedGetter = getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get;
const reasonGetter = getOwnPropertyDescriptor(AbortSignal.prototype, 'reason').get;
const { addEventListener, removeEventListener } = EventTarget.prototype;

/** A real AbortSignal (not an object that only says so through Symbol.toStringTag). */
function isAbortSignal(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    abortedGetter.call(value);
    return true;
  } catch {
    return false;
  }
}

/** `signal.aborted`, read through the prototype. */
function signalAborted(signal) {
  return abortedGetter.call(signal);
}

/** `signal.reason`, read through the prototype. */
function signalReason(signal) {
  return reasonGetter.call(signal);
}

/** signal → the callbacks waiting for its abort; each signal has one listener, `fireAll`. */
const waiting = new WeakMap();

function fireAll(event) {
  const callbacks = waiting.get(event.target);
  waiting.delete(event.target);
  for (const callback of callbacks ?? []) callback();
}

/**
 * Calls `callback` once when `signal` aborts. Returns a function that unregisters it; the
 * signal's one listener goes with the last callback.
 */
function onAbort(signal, callback) {
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    callbacks = new Set();
    waiting.set(signal, callbacks);
    addEventListener.call(signal, 'abort', fireAll, { once: true });
  }
  // A wrapper of its own, so that the same function registered twice is two registrations.
  const entry = () => callback();
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0 || waiting.get(signal) !== callbacks) return;
    waiting.delete(signal);
    removeEventListener.call(signal, 'abort', fireAll);
  };
}

module.exports = { isAbortSignal, onAbort, signalAborted, signalReason };
