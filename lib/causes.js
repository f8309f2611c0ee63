'use strict';
// Why a session or a connection ended, as data: `{ code, reason, closeCode? }`. The transport
// reports its end as a typed cause (crates/transport/src/cause.rs, delivered as JSON); this
// file writes the sentence for it. Sessions can also end for reasons only JS knows of.

const { transportCloseCodes } = require('./wire');

/** Every code a session or a connection can end with (API.md, index.d.ts's CloseCode). */
const CODES = Object.freeze({
  detach: 'detach',
  targetClosed: 'target-closed',
  targetCrashed: 'target-crashed',
  close: 'close',
  connectionLost: 'connection-lost',
  badMessage: 'bad-message',
  messageTooLarge: 'message-too-large',
  internal: 'internal',
});

/** An end: frozen, so that sessions, errors and events can share one. */
function end(code, reason, closeCode) {
  return Object.freeze(closeCode === undefined ? { code, reason } : { code, reason, closeCode });
}

/** What the transport is, for sentences about its I/O. */
const MEDIUM = { websocket: 'the WebSocket', pipe: 'the browser pipe' };

function lostSentence(cause, medium) {
  switch (cause.how) {
    case 'close-frame':
      if (cause.closeCode === undefined) return 'the browser closed the WebSocket (no close code)';
      return `the browser closed the WebSocket (code ${cause.closeCode}${cause.closeReason ? `: ${cause.closeReason}` : ''})`;
    case 'no-close-frame':
      return 'the WebSocket connection ended without a close frame';
    case 'reset':
      return 'the WebSocket connection was reset without a close frame';
    case 'eof':
      return cause.pendingBytes > 0
        ? `the browser closed its pipe (EOF) in the middle of a message (${cause.pendingBytes} bytes)`
        : 'the browser closed its pipe (EOF)';
    case 'io':
      if (cause.operation === 'open') return `could not use the browser pipes: ${cause.detail}`;
      if (cause.operation === 'write') return `writing to ${MEDIUM[medium]} failed: ${cause.detail}`;
      return medium === 'pipe' ? `reading the browser pipe failed: ${cause.detail}` : `the WebSocket connection failed: ${cause.detail}`;
    default:
      return `the connection was lost (${cause.how})`;
  }
}

function badMessageSentence(cause) {
  switch (cause.what) {
    case 'not-json':
      return `the browser sent a message that is not valid CDP JSON (${cause.detail}): ${cause.excerpt}`;
    case 'not-object':
      return `the browser sent a message that is not a JSON object: ${cause.excerpt}`;
    case 'unroutable':
      return `the browser sent a message with neither "id" nor "method": ${cause.excerpt}`;
    case 'binary':
      return `the browser sent a binary WebSocket frame (${cause.bytes} bytes); CDP messages are text`;
    case 'invalid-utf8':
      return `the browser sent a message that is not valid UTF-8 (${cause.detail})`;
    default:
      return `the browser sent a message that cannot be read (${cause.what})`;
  }
}

/**
 * The end a transport reported (`cause`, parsed from its JSON) on a transport of kind
 * `medium` ('websocket' or 'pipe'). `close` has no sentence of its own here: the side that
 * asked for it knows why, and passes it as `closeReason`.
 */
function transportEnd(cause, medium, closeReason = 'the connection was closed') {
  switch (cause.code) {
    case CODES.close:
      return end(CODES.close, closeReason);
    case CODES.connectionLost:
      return end(CODES.connectionLost, lostSentence(cause, medium), cause.closeCode);
    case CODES.badMessage:
      return end(CODES.badMessage, badMessageSentence(cause));
    case CODES.messageTooLarge:
      return end(
        CODES.messageTooLarge,
        `an incoming message of ${cause.atLeast ? 'at least ' : ''}${cause.size} bytes exceeds maxMessageSize (${cause.max} bytes)`,
      );
    case CODES.internal:
      return end(CODES.internal, `cdp-native's transport failed internally (a bug; please report it): ${cause.detail}`);
    default:
      // A code this shim does not know is still an end, and says which.
      return end(CODES.internal, `the transport ended with an unknown cause: ${JSON.stringify(cause)}`);
  }
}

/** Codes the transport can report that have no sentence here: a test keeps this empty. */
function codesWithoutSentence() {
  return transportCloseCodes().filter((code) => !Object.values(CODES).includes(code));
}

module.exports = { CODES, end, transportEnd, codesWithoutSentence };
