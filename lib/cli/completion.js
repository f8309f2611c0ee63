'use strict';
// Tab completion for the repl: `Page.na` → `Page.navigate`, from the pinned protocol. The
// domain objects are Proxies that list no keys, so Node's own completer cannot see into them;
// bare domain names (`Pa` → `Page`) it completes itself, as they are variables of the repl.

const { domainOf } = require('./protocol');

/** A `Domain.partial` at the end of the line. */
const MEMBER_AT_END = /(?:^|[^\w$.])([A-Z]\w*)\.(\w*)$/;

/**
 * The completions for `line` as readline wants them, `[candidates, substring]`, or
 * undefined when the line does not end in `Domain.` and a part of a name.
 */
function completeProtocol(line) {
  const member = MEMBER_AT_END.exec(line);
  const domain = member && domainOf(member[1]);
  if (!domain) return undefined;
  const [, domainName, partial] = member;
  // Commands are sent (Page.navigate(params)); events subscribe (Page.loadEventFired(fn)).
  const names = [...domain.commands, ...domain.events].filter((name) => name.startsWith(partial));
  return [names.map((name) => `${domainName}.${name}`), `${domainName}.${partial}`];
}

/** Wraps Node's completer: protocol members by us, everything else (variables, globals) by Node. */
function protocolCompleter(nodeCompleter) {
  return function complete(line, callback) {
    const ours = completeProtocol(line);
    if (ours) callback(null, ours);
    else nodeCompleter.call(this, line, callback);
  };
}

module.exports = { completeProtocol, protocolCompleter };
