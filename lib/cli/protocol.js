'use strict';
// The pinned protocol (the `devtools-protocol` dependency): which domains, commands and events
// exist. Used for the repl's names and completion and to check --events; never to refuse a
// command, since the browser may be newer than the pin.

const browserProtocol = require('devtools-protocol/json/browser_protocol.json');
const jsProtocol = require('devtools-protocol/json/js_protocol.json');

/** Domain name → { commands: string[], events: string[] }. */
const DOMAINS = new Map(
  [...jsProtocol.domains, ...browserProtocol.domains].map((d) => [
    d.domain,
    { commands: (d.commands ?? []).map((c) => c.name), events: (d.events ?? []).map((e) => e.name) },
  ]),
);

const domainNames = () => [...DOMAINS.keys()];

/** The domain's commands and events, or undefined for a domain the pin does not know. */
const domainOf = (name) => DOMAINS.get(name);

/** True, false, or undefined when the pin does not know the domain. */
function hasEnable(domain) {
  return DOMAINS.get(domain)?.commands.includes('enable');
}

/** True when `Domain.event` is an event of the pinned protocol. */
function isKnownEvent(domain, event) {
  return DOMAINS.get(domain)?.events.includes(event) ?? false;
}

module.exports = { domainNames, domainOf, hasEnable, isKnownEvent };
