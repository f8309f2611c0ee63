'use strict';
// CDPSession: one flat CDP session (a sessionId on the browser connection), or the root
// session of one endpoint (connectTarget(): no sessionId), as Playwright's and Puppeteer's
// CDPSession. Protocol events are emitted by their method name.

const { EventEmitter } = require('node:events');
const { CallbackRegistry } = require('./callbacks');
const { CODES, end } = require('./causes');
const { createDomainApi } = require('./domain-api');
const { EventWaiters } = require('./event-waiters');
const { emitSafely } = require('./emit');

// Internal entry points for the connection; symbols keep them off the public surface.
const kCallbacks = Symbol('callbacks');
const kDispatchEvent = Symbol('dispatchEvent');
const kEnd = Symbol('end');
const kAnnounceChild = Symbol('announceChild');

class CDPSession extends EventEmitter {
  /** The Connection that carries this session's messages. */
  #connection;
  #id;
  #targetId;
  /** How the session ended (`{ code, reason, closeCode? }`); undefined while it is attached. */
  #end = undefined;
  /** Set by detach(), so the end is reported as asked for rather than as a target close. */
  #detachRequested = false;
  /** The domain helpers, made on first use of `api`. */
  #api = undefined;
  /** The pending waitForEvent() calls, made on first use. */
  #waiters = undefined;

  /** Pending calls of this session. */
  [kCallbacks] = new CallbackRegistry();

  constructor(connection, sessionId, targetId) {
    super();
    this.#connection = connection;
    this.#id = sessionId;
    this.#targetId = targetId;
  }

  /** The CDP sessionId; undefined for the root session of connectTarget(). */
  get id() {
    return this.#id;
  }

  /** The attached target's id (undefined for the browser session). */
  get targetId() {
    return this.#targetId;
  }

  /** The Browser that owns this session; null for connectTarget()'s sessions. */
  get connection() {
    return this.#connection.browser;
  }

  get browser() {
    return this.#connection.browser;
  }

  /** Domain helpers: `session.api.Page.navigate({ url })`, `session.api.Page.on('loadEventFired', fn)`. */
  get api() {
    this.#api ??= createDomainApi(this);
    return this.#api;
  }

  /** Sends one CDP command; resolves with its result. */
  send(method, params, options) {
    return this.#connection.call(this.#id, this[kCallbacks], method, params, options, this.#callsEnd());
  }

  /** The same as send(), for methods the typings do not know (newer than the pinned protocol). */
  sendUnchecked(method, params, options) {
    return this.send(method, params, options);
  }

  /**
   * Resolves with the params of the next `name` event that `options.predicate` accepts;
   * rejects with a TimeoutError (`options.timeout`, by default the protocolTimeout), an
   * AbortError (`options.signal`) or a TargetClosedError when the session ends first.
   */
  waitForEvent(name, options) {
    this.#waiters ??= new EventWaiters(this, () => this.#end);
    return this.#waiters.wait(name, options, this.#connection.protocolTimeout);
  }

  /**
   * Detaches from the target. Resolves at once when the session has already ended; after it
   * resolves no events are emitted and send() rejects.
   */
  async detach() {
    if (this.#end !== undefined) return;
    this.#detachRequested = true;
    // The root session of connectTarget() is the connection's own: detaching closes it.
    if (this.#id === undefined) {
      await this.#connection.close('detach() was called');
      return;
    }
    try {
      await this.#connection.sendToBrowser('Target.detachFromTarget', { sessionId: this.#id });
    } catch (error) {
      // Ended meanwhile (target closed, browser gone): detached all the same.
      if (this.#end === undefined && this.#connection.connected) throw error;
    }
    // Chromium announces the detach before it replies; end here too in case it did not.
    this.#connection.endSession(this, DETACHED);
  }

  [kDispatchEvent](method, params) {
    if (this.#end !== undefined) return;
    emitSafely(this, method, params);
    if (this.listenerCount('event') > 0) emitSafely(this, 'event', { method, params });
  }

  /** A child session came up through this session's auto-attach. */
  [kAnnounceChild](child) {
    if (this.#end === undefined) emitSafely(this, 'sessionattached', child);
  }

  /** Ends the session once (`ended`, lib/causes.js): rejects its pending calls, emits 'detached'. */
  [kEnd](ended) {
    if (this.#end !== undefined) return;
    this.#end = this.#detachRequested ? DETACHED : ended;
    this[kCallbacks].rejectAll(this.#callsEnd());
    emitSafely(this, 'detached', { ...this.#end });
  }

  /** The end as this session's calls tell it; undefined while attached. */
  #callsEnd() {
    const ended = this.#end;
    return ended === undefined ? undefined : end(ended.code, `the session has ended: ${ended.reason}`, ended.closeCode);
  }
}

const DETACHED = end(CODES.detach, 'detach() was called');

module.exports = { CDPSession, kAnnounceChild, kCallbacks, kDispatchEvent, kEnd };
