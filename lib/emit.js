'use strict';
// Emits an event so that one throwing listener cannot stop the others, nor the messages
// after it: each throw is re-thrown on the next tick, where it surfaces as an uncaught
// exception, as a throw from any EventEmitter listener would.

function emitSafely(emitter, eventName, arg) {
  const count = emitter.listenerCount(eventName);
  if (count === 0) return false;
  if (count === 1) {
    // One listener: nothing else to protect, and emit() skips copying the listener array.
    try {
      emitter.emit(eventName, arg);
    } catch (error) {
      process.nextTick(() => {
        throw error;
      });
    }
    return true;
  }
  const listeners = emitter.rawListeners(eventName);
  for (const listener of listeners) {
    try {
      // rawListeners gives `once` wrappers, which remove themselves when called.
      Reflect.apply(listener, emitter, [arg]);
    } catch (error) {
      process.nextTick(() => {
        throw error;
      });
    }
  }
  return listeners.length > 0;
}

module.exports = { emitSafely };
