'use strict';
// Messages from the peer that the router cannot act on: each is reported as a CDPWarning,
// never dropped silently, and never a crash. A peer may send anything the envelope check
// (crates/transport/src/envelope.rs) lets through: the router reads no field it has not
// checked here first.

/**
 * The params of a Target event the router acts on, when they have the fields it reads (the
 * sessionId of an attach or detach, the targetId of a crash); null when they do not (a peer
 * may send anything); `params` as they are for any other event.
 */
function targetEventParams(method, params) {
  const field = TARGET_EVENT_FIELDS[method];
  if (field === undefined) return params;
  return params !== null && typeof params === 'object' && typeof params[field] === 'string' ? params : null;
}

/** The field each Target event the router acts on must have. */
const TARGET_EVENT_FIELDS = {
  'Target.attachedToTarget': 'sessionId',
  'Target.detachedFromTarget': 'sessionId',
  'Target.targetCrashed': 'targetId',
};

/** A message that cannot be delivered is reported, never dropped silently. */
function unroutable(what, message, code = 'CDP_UNROUTABLE_MESSAGE') {
  const text = JSON.stringify(message);
  process.emitWarning(`cdp-native received ${what}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`, {
    type: 'CDPWarning',
    code,
  });
}

module.exports = { targetEventParams, unroutable };
