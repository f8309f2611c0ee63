'use strict';
// Checks the arguments of send() and serialises the message. Every failure is a TypeError or
// RangeError naming the method and the argument, returned (not thrown) so that send() can
// reject without sending anything.

/** Chromium's read limit on one incoming message, WebSocket and pipe alike. */
const { MAX_OUTGOING_MESSAGE_SIZE: MAX_OUTGOING_BYTES } = require('./wire');

/** A plain object from any realm (a vm context or Node's repl has its own Object.prototype). */
function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

/** An AbortSignal from any realm. */
function isAbortSignal(value) {
  return Object.prototype.toString.call(value) === '[object AbortSignal]';
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Returns an error for bad send() options, or undefined. */
function checkOptions(method, options) {
  if (options === undefined) return undefined;
  if (!isPlainObject(options)) {
    return new TypeError(`${method}: options must be a plain object, got ${describe(options)}`);
  }
  const { timeout, signal } = options;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0 && timeout <= 2 ** 31 - 1)) {
    return new TypeError(
      `${method}: options.timeout must be a number of milliseconds from 0 to 2147483647, got ${describe(timeout)}`,
    );
  }
  if (signal !== undefined && !isAbortSignal(signal)) {
    return new TypeError(`${method}: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  return undefined;
}

/**
 * Serialises one command. Returns `{ text }` or `{ error }`. `sessionId` is left out for the
 * browser's own session.
 */
function serializeCommand(id, method, params, sessionId) {
  if (typeof method !== 'string' || method.length === 0) {
    return { error: new TypeError(`send(): method must be a non-empty string, got ${describe(method)}`) };
  }
  if (params !== undefined && !isPlainObject(params)) {
    return { error: new TypeError(`${method}: params must be a plain object, got ${describe(params)}`) };
  }
  const message = sessionId === undefined ? { id, method, params: params ?? {} } : { id, method, params: params ?? {}, sessionId };
  let text;
  try {
    text = JSON.stringify(message);
  } catch (cause) {
    return {
      error: new TypeError(`${method}: params cannot be serialised to JSON: ${cause.message}`, { cause }),
    };
  }
  // Each UTF-16 unit is at most 3 UTF-8 bytes, so most messages skip the exact count.
  if (text.length * 3 > MAX_OUTGOING_BYTES) {
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_OUTGOING_BYTES) {
      return {
        error: new RangeError(
          `${method}: the message is ${bytes} bytes, over Chromium's limit of ${MAX_OUTGOING_BYTES} bytes for one incoming message; nothing was sent`,
        ),
      };
    }
  }
  return { text };
}

module.exports = { checkOptions, serializeCommand, MAX_OUTGOING_BYTES };
