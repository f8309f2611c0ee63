'use strict';
// The pinned protocol (the `devtools-protocol` dependency): which domains, commands and events
// exist, and which result fields carry binary data. Used for the repl's names and completion,
// to check --events, to refuse a misspelt method before launching (--force sends any name, for
// a browser newer than the pin) and to find the field --output writes.

const browserProtocol = require('devtools-protocol/json/browser_protocol.json');
const jsProtocol = require('devtools-protocol/json/js_protocol.json');
const { version: PROTOCOL_VERSION } = require('devtools-protocol/package.json');

/** How the protocol describes a `binary` field: a string that is base64 over JSON. */
const BINARY_MARK = '(Encoded as a base64 string when passed over JSON)';

/** Domain name → { commands: string[], events: string[], binaryResults: Map<command, field> }. */
const DOMAINS = new Map(
  [...jsProtocol.domains, ...browserProtocol.domains].map((d) => [
    d.domain,
    {
      commands: (d.commands ?? []).map((c) => c.name),
      events: (d.events ?? []).map((e) => e.name),
      binaryResults: new Map(
        (d.commands ?? []).flatMap((c) => {
          const field = (c.returns ?? []).find((r) => r.type === 'string' && r.description?.includes(BINARY_MARK));
          return field ? [[c.name, field.name]] : [];
        }),
      ),
    },
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

/** True when `Domain.command` is a command of the pinned protocol. */
function isKnownCommand(method) {
  const [domain, name] = method.split('.');
  return DOMAINS.get(domain)?.commands.includes(name) ?? false;
}

/**
 * The result field of `method` that holds base64 data (`data` of Page.captureScreenshot), null
 * when the pinned command has none, undefined when the pin does not know the command.
 */
function binaryResultOf(method) {
  const [domain, name] = method.split('.');
  const known = DOMAINS.get(domain);
  if (!known?.commands.includes(name)) return undefined;
  return known.binaryResults.get(name) ?? null;
}

/** Edit distance, case-insensitive: names are short, so the quadratic cost is nothing. */
function distance(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/** The pinned command nearest to `method` (a typo's fix), or undefined when none is close. */
function nearestCommand(method) {
  let best;
  for (const [domain, { commands }] of DOMAINS) {
    for (const name of commands) {
      const candidate = `${domain}.${name}`;
      const d = distance(method, candidate);
      if (best === undefined || d < best.d) best = { candidate, d };
    }
  }
  return best && best.d <= Math.max(2, Math.floor(method.length / 4)) ? best.candidate : undefined;
}

module.exports = {
  PROTOCOL_VERSION,
  binaryResultOf,
  domainNames,
  domainOf,
  hasEnable,
  isKnownCommand,
  isKnownEvent,
  nearestCommand,
};
