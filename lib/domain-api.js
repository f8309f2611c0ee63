'use strict';
// session.api: domain helpers in the style of chrome-remote-interface, as a thin Proxy over
// send/on, so no protocol description is needed at run time:
//   const { Page } = session.api;
//   await Page.navigate({ url });          // session.send('Page.navigate', { url })
//   Page.on('loadEventFired', listener);   // session.on('Page.loadEventFired', listener)
//   const stop = Page.loadEventFired(listener);  // the same; stop() unsubscribes
//   const params = await Page.loadEventFired({ timeout });  // session.waitForEvent('Page.loadEventFired', …)

const { inspect } = require('node:util');
const PINNED_EVENTS = require('./protocol-events.generated');

/** Listener methods of a domain object, mapped to the session's EventEmitter method. */
const LISTENER_METHODS = new Set(['on', 'once', 'off', 'addListener', 'removeListener', 'prependListener']);

/**
 * Names never treated as a command. `await`, JSON.stringify and inspection look some up on
 * any object, and coercion (`'x' + Page`, `Page == 'x'`) calls `valueOf`: each would send a
 * command whose rejection nobody handles. Object.prototype's names are included for code that
 * calls them on any object (`obj.hasOwnProperty(k)`); no CDP command has one of these names.
 */
const NOT_COMMANDS = new Set(['then', 'catch', 'finally', 'toJSON', ...Object.getOwnPropertyNames(Object.prototype)]);

/** True when the pinned protocol knows `Domain.name` as an event (loadEventFired), not a command. */
function isPinnedEvent(domain, name) {
  return Object.hasOwn(PINNED_EVENTS, domain) && PINNED_EVENTS[domain].includes(name);
}

/** The `api` object of `session`: one domain object per domain name, made on first use. */
function createDomainApi(session) {
  const domains = new Map();
  // util.inspect looks at a Proxy's target, not through its traps: the label lives there.
  const target = labelled(`[CDP domains of session ${session.id}]`);
  return new Proxy(target, {
    get(_, domain) {
      if (domain === 'toString') return target.toString;
      // CDP domains are capitalised; anything else (then, symbols) is not a domain.
      if (typeof domain !== 'string' || !/^[A-Z]/.test(domain)) return undefined;
      let api = domains.get(domain);
      if (!api) {
        api = createDomain(session, domain);
        domains.set(domain, api);
      }
      return api;
    },
  });
}

/** An empty object that console.log, the repl and String() show as `label`, not as `{}`. */
function labelled(label) {
  const target = Object.create(null);
  const show = () => label;
  Object.defineProperty(target, inspect.custom, { value: show });
  Object.defineProperty(target, 'toString', { value: show });
  return target;
}

function createDomain(session, domain) {
  const members = new Map();
  const target = labelled(`[CDP domain ${domain}]`);
  const proxy = new Proxy(target, {
    get(_, name) {
      if (name === 'toString') return target.toString;
      if (typeof name !== 'string' || NOT_COMMANDS.has(name)) return undefined;
      let member = members.get(name);
      if (!member) {
        member = LISTENER_METHODS.has(name) ? listenerMethod(session, domain, name, proxy) : command(session, domain, name);
        members.set(name, member);
      }
      return member;
    },
  });
  return proxy;
}

/** `Page.on('loadEventFired', fn)` → `session.on('Page.loadEventFired', fn)`; returns the domain. */
function listenerMethod(session, domain, emitterMethod, domainProxy) {
  return (event, listener) => {
    if (typeof event !== 'string' || event === '') {
      throw new TypeError(
        `${domain}.${emitterMethod}(event, listener): event must be an event name such as 'loadEventFired', got ${typeof event}`,
      );
    }
    session[emitterMethod](`${domain}.${event}`, listener);
    return domainProxy;
  };
}

/**
 * `Page.navigate(params, options)` sends the command. Called with a function instead, it
 * subscribes to the event of that name (chrome-remote-interface's shorthand) and returns the
 * function that unsubscribes. An event of the pinned protocol called without a function waits
 * for it (`await Page.loadEventFired({ timeout })`, as chrome-remote-interface's promise form).
 */
function command(session, domain, name) {
  const method = `${domain}.${name}`;
  const event = isPinnedEvent(domain, name);
  return (params, options) => {
    if (typeof params === 'function') {
      const listener = params;
      session.on(method, listener);
      return () => session.off(method, listener);
    }
    if (event) return session.waitForEvent(method, params);
    return session.send(method, params, options);
  };
}

module.exports = { createDomainApi };
