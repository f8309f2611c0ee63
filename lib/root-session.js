'use strict';
// The root session of a connection made by connectTarget(): a CDPSession without a
// sessionId, owner of the connection (lib/connection.js). It hears the root messages, announces
// the sessions auto-attached from it, and ends when the connection does, saying why as a
// session would: the target closed elsewhere (Chromium sends Inspector.detached, then drops
// the socket), crashed (Inspector.targetCrashed), or the connection ended.

const { CODES, end } = require('./causes');
const { CDPSession, kAnnounceChild, kDispatchEvent, kEnd } = require('./session');

/** The root CDPSession of `connection`; `targetId` when the endpoint's list named it. */
function rootSession(connection, targetId) {
  const session = new CDPSession(connection, undefined, targetId);
  /** Inspector.detached's reason, once the endpoint said the target is going. */
  let detachedReason;
  let crashed = false;
  connection.setOwner({
    onEvent(method, params) {
      session[kDispatchEvent](method, params);
      if (method === 'Inspector.detached') detachedReason = String(params?.reason ?? 'no reason given');
      else if (method === 'Inspector.targetCrashed' && !crashed) {
        // A crashed renderer never answers what was sent to it: end now, as a child session would.
        crashed = true;
        connection.close('the target crashed (Inspector.targetCrashed)');
      }
    },
    onAttached: (child) => session[kAnnounceChild](child),
    onClose: (ended) => session[kEnd](sessionEnd(ended, detachedReason, crashed)),
  });
  return session;
}

/** The root session's end for the connection's `ended`. */
function sessionEnd(ended, detachedReason, crashed) {
  if (crashed) return end(CODES.targetCrashed, 'the target crashed (Inspector.targetCrashed)');
  if (detachedReason !== undefined && ended.code === CODES.connectionLost) {
    return end(
      CODES.targetClosed,
      `the target was closed or detached elsewhere (Inspector.detached: ${detachedReason}), then ${ended.reason}`,
      ended.closeCode,
    );
  }
  return end(ended.code, `the connection closed: ${ended.reason}`, ended.closeCode);
}

module.exports = { rootSession };
