'use strict';
// --events: prints the session's matching events as NDJSON, after enabling their domains.

const { ProtocolError } = require('../errors');
const { hasEnable, isKnownEvent } = require('./protocol');
const { printLine, warn } = require('./output');

/** JSON-RPC's "method not found": a domain the browser does not have, or has no enable. */
const METHOD_NOT_FOUND = -32601;

/**
 * How to turn a domain's events on, for the domains whose switch is not `enable`: Target's
 * events (targetCreated, …) come once discovery is on.
 */
const SPECIAL_ENABLE = { Target: ['Target.setDiscoverTargets', { discover: true }] };

function matcher(specs) {
  const names = new Set(specs.filter((s) => s.event !== '*').map((s) => `${s.domain}.${s.event}`));
  const prefixes = specs.filter((s) => s.event === '*').map((s) => `${s.domain}.`);
  return (method) => names.has(method) || prefixes.some((prefix) => method.startsWith(prefix));
}

async function enableDomain(session, domain) {
  const special = SPECIAL_ENABLE[domain];
  if (special) {
    await session.send(...special);
    return;
  }
  const known = hasEnable(domain);
  if (known === false) return; // the pinned protocol says this domain has no enable
  try {
    await session.send(`${domain}.enable`);
  } catch (error) {
    // A domain newer than the pin may have no enable either; anything else is a real failure.
    if (known === undefined && error instanceof ProtocolError && error.code === METHOD_NOT_FOUND) return;
    throw new Error(`--events: could not enable ${domain}: ${error.message}`, { cause: error });
  }
}

/**
 * Starts printing the events that `specs` names, then enables their domains (listening
 * first, so nothing sent in answer to an enable is missed). Returns the function that stops.
 */
async function streamEvents(session, specs) {
  for (const { domain, event } of specs) {
    if (event !== '*' && !isKnownEvent(domain, event)) {
      warn(`${domain}.${event} is not an event of the pinned protocol (devtools-protocol); listening for it anyway`);
    }
  }
  const matches = matcher(specs);
  const sessionId = session.id;
  const onEvent = ({ method, params }) => {
    if (matches(method)) printLine(sessionId === undefined ? { method, params } : { method, params, sessionId });
  };
  session.on('event', onEvent);
  for (const domain of new Set(specs.map((s) => s.domain))) await enableDomain(session, domain);
  return () => session.off('event', onEvent);
}

module.exports = { streamEvents };
