'use strict';
// Checks the arguments of send() and serialises the message. Every failure is a TypeError or
// RangeError naming the method and the argument, returned (not thrown) so that send() can
// reject without sending anything, whatever the arguments do when they are read (a Proxy
// that throws, a getter that throws).

const { checkOptions: checkOptionsOf, describe, isPlainObject } = require('./options');

/** Chromium's read limit on one incoming message, WebSocket and pipe alike. */
const { MAX_OUTGOING_MESSAGE_SIZE: MAX_OUTGOING_BYTES, MAX_OUTGOING_DEPTH } = require('./wire');

/** A plain object, or an error when even asking throws (a Proxy's getPrototypeOf trap). */
function plainObjectCheck(value) {
  try {
    return isPlainObject(value);
  } catch (error) {
    return error;
  }
}

/** What most calls have: no options (shared, so that the common case allocates nothing). */
const NO_OPTIONS = Object.freeze({ options: Object.freeze({}) });

/**
 * Checks send()'s options once. Returns `{ options }` (`{ timeout?, signal? }`, read from the
 * user's object once, so nothing reads it again) or `{ error }`.
 */
function sendOptions(method, options) {
  if (options === undefined) return NO_OPTIONS;
  const plain = plainObjectCheck(options);
  if (plain !== true) {
    const why = plain instanceof Error ? `reading it threw: ${plain.message}` : `got ${describe(options)}`;
    return { error: new TypeError(`${method}: options must be a plain object, ${why}`) };
  }
  try {
    return { options: checkOptionsOf('send', options, method) };
  } catch (error) {
    return { error };
  }
}

/** Returns an error for bad send() options, or undefined. */
function checkOptions(method, options) {
  return sendOptions(method, options).error;
}

/**
 * The depth of the deepest object or array in a JSON text, the outermost counting as 1, or
 * as soon as it passes `limit`, `limit + 1`. Strings are skipped whole (a long string costs
 * one indexOf), so the cost is in the brackets, not the bytes.
 */
function jsonDepth(text, limit) {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // To the closing quote: one not preceded by an odd number of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return deepest;
}

/** Where the params start in the text serializeCommand makes: after `{"id":…,"method":…,"params":`. */
function paramsOffset(id, method) {
  return `{"id":${id},"method":${JSON.stringify(method)},"params":`.length;
}

/**
 * Serialises one command. Returns `{ text }` or `{ error }`. `sessionId` is left out for the
 * browser's own session.
 */
function serializeCommand(id, method, params, sessionId) {
  if (typeof method !== 'string' || method.length === 0) {
    return { error: new TypeError(`send(): method must be a non-empty string, got ${describe(method)}`) };
  }
  if (params !== undefined) {
    const plain = plainObjectCheck(params);
    if (plain !== true) {
      const why = plain instanceof Error ? `reading it threw: ${plain.message}` : `got ${describe(params)}`;
      return { error: new TypeError(`${method}: params must be a plain object, ${why}`) };
    }
  }
  const message = sessionId === undefined ? { id, method, params: params ?? {} } : { id, method, params: params ?? {}, sessionId };
  let text;
  try {
    text = JSON.stringify(message);
  } catch (cause) {
    return {
      error: new TypeError(`${method}: params cannot be serialised to JSON: ${cause?.message ?? String(cause)}`, { cause }),
    };
  }
  // A toJSON() may turn params into something else: Chromium would answer a non-object with
  // an error that names no session.
  if (params !== undefined && !text.startsWith('{', paramsOffset(id, method))) {
    return { error: new TypeError(`${method}: params must serialise to a JSON object; its toJSON() gave something else`) };
  }
  // Chromium cannot read deeper nesting, and answers with an error that names no call. Each
  // level takes two characters, so a short text cannot be too deep.
  if (text.length > 2 * MAX_OUTGOING_DEPTH && jsonDepth(text, MAX_OUTGOING_DEPTH) > MAX_OUTGOING_DEPTH) {
    return {
      error: new RangeError(
        `${method}: params are nested more than ${MAX_OUTGOING_DEPTH - 1} levels deep (the params object is level 1), deeper than Chromium reads; nothing was sent`,
      ),
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

module.exports = { checkOptions, sendOptions, serializeCommand, MAX_OUTGOING_BYTES };
