'use strict';
// Emits an event so that one throwing listener cannot stop the others, nor the messages
// after it: each throw is re-thrown on the next tick, where it surfaces as an uncaught
// exception, as a throw from any EventEmitter listener would.

function emitSafely(emitter, eventName, arg) {
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
