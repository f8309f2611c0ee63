'use strict';
// One connection over one transport: the router. It numbers and sends commands (through the
// outbox), and routes what the inbox dispatches to the browser's own session or to the
// CDPSession a message names, creating the sessions of newly attached targets before any of
// their messages. It has the one close path. It is given its transport (attach()), never
// requires one: lib/native-transport.js opens the real ones, the unit tests a fake.

const { signalAborted, signalReason } = require('./abort');
const { CallIds, LATE } = require('./call-ids');
const { CallbackRegistry } = require('./callbacks');
const { CODES, end, transportEnd } = require('./causes');
const { TargetClosedError, timeoutOrAbortError, withCallerStack } = require('./errors');
const { Inbox } = require('./inbox');
const { Outbox } = require('./outbox');
const { logReceived } = require('./protocol-log');
const { targetEventParams, unroutable } = require('./stray');
const { CDPSession, kAnnounceChild, kDispatchEvent, kEnd } = require('./session');
const { sendOptions, serializeCommand } = require('./validate');

/** How many ended sessions are remembered, to recognise their late messages. */
const MAX_RETIRED = 10000;

class Connection {
  /** The transport; null until attach(). */
  #transport = null;
  #outbox = new Outbox();
  #inbox;
  /** Ids are shared by all sessions of the connection, as Chromium expects. */
  #ids;
  /** Calls sent on the browser's own session (no sessionId). */
  #rootCallbacks = new CallbackRegistry();
  /** sessionId → CDPSession, for every session attached over this connection. */
  #sessions = new Map();
  /**
   * Ids of sessions that have ended, newest last: messages Chromium still sends for them are
   * expected leftovers (the user was already told), not strays to warn about.
   */
  #retired = new Set();
  /** How the connection ended (`{ code, reason, closeCode? }`); undefined while it is open. */
  #end = undefined;
  #closed;
  #resolveClosed;
  /**
   * Owner's callbacks: onEvent(method, params) for the root session (no sessionId),
   * onAttached(child) for a session attached from it, onClose(end).
   */
  #owner = { onEvent() {}, onAttached() {}, onClose() {} };
  /** Set when we asked the browser to go away, so that its going is reported as asked for. */
  #expectedCloseReason = undefined;
  /** Why close() was called, for the transport's `close` cause. */
  #closeReason = undefined;

  /** Default per-call timeout in ms, 0 for none. */
  protocolTimeout;
  /** The Browser this connection belongs to, given to sessions as `.browser`. */
  browser = null;

  /** `firstId` is for the unit tests of the id range (lib/call-ids.js). */
  constructor({ protocolTimeout, firstId }) {
    this.protocolTimeout = protocolTimeout;
    this.#ids = new CallIds({ first: firstId });
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    this.#inbox = new Inbox({
      dispatch: (message) => this.#dispatch(message),
      close: (cause) => this.#finish(cause),
      outbox: this.#outbox,
    });
  }

  /** The transport's inbound callback: give it to the transport when it is opened. */
  get onInbound() {
    return this.#inbox.receive;
  }

  /** Takes `transport` (lib/native-transport.js) as the one this connection runs on. */
  attach(transport) {
    this.#transport = transport;
    this.#outbox.attach(transport);
    this.#inbox.attach(transport);
    // Not awaited: this pending promise keeps Node's event loop alive while the connection
    // is open, and lets go of it once the close has been handled.
    transport.waitForClose();
    // The transport may have ended before it reached us.
    if (this.#end !== undefined) transport.release();
  }

  /**
   * Who hears of root-session events and of the close: the Browser, or the root CDPSession
   * of connectTarget() (lib/root-session.js). `onAttached` may be left out.
   */
  setOwner(owner) {
    this.#owner = { onAttached() {}, ...owner };
  }

  /** The transport is about to end because we asked for it (e.g. Browser.close). */
  expectClose(reason) {
    this.#expectedCloseReason ??= reason;
  }

  get connected() {
    return this.#end === undefined;
  }

  /** How the connection ended, or undefined while it is open. */
  get end() {
    return this.#end;
  }

  /** Resolves once the close has been handled (pending calls rejected, events emitted). */
  get closed() {
    return this.#closed;
  }

  session(sessionId) {
    return this.#sessions.get(sessionId);
  }

  /** Sends on the browser's own session. */
  sendToBrowser(method, params, options) {
    return this.call(undefined, this.#rootCallbacks, method, params, options);
  }

  /**
   * Sends one command for `sessionId` (undefined: the browser session), its pending call
   * kept in `callbacks`; `sessionEnd` when that session has ended. Bad arguments reject and
   * send nothing.
   */
  call(sessionId, callbacks, method, params, options, sessionEnd) {
    // Captured now: the reply arrives in a later task whose stack does not show the caller.
    const trace = new Error();
    // Read once: nothing below reads the caller's options object again.
    const { options: checked, error: optionsError } = sendOptions(method, options);
    if (optionsError) return Promise.reject(withCallerStack(optionsError, trace));
    const id = this.#ids.take(callbacks);
    const { text, error } = serializeCommand(id, method, params, sessionId);
    const ended = error === undefined ? (sessionEnd ?? (this.#end === undefined ? undefined : this.#rootEnd())) : undefined;
    const aborted = error === undefined && ended === undefined && checked.signal !== undefined && signalAborted(checked.signal);
    if (error !== undefined || ended !== undefined || aborted) {
      this.#ids.release(id);
      if (error) return Promise.reject(withCallerStack(error, trace));
      if (ended) return Promise.reject(withCallerStack(new TargetClosedError(method, ended), trace));
      return Promise.reject(withCallerStack(timeoutOrAbortError(method, signalReason(checked.signal)), trace));
    }
    const byCall = checked.timeout !== undefined;
    const timeout = byCall ? checked.timeout : this.protocolTimeout;
    const promise = callbacks.create(id, method, timeout, checked.signal, trace, byCall ? 'call' : 'protocolTimeout');
    this.#outbox.queue(text, callbacks, id);
    return promise;
  }

  /** Asks the transport to close; resolves once the close has been handled. */
  close(reason) {
    if (this.#end === undefined) {
      this.#closeReason ??= reason;
      // Commands sent just before close() still go out first.
      this.#outbox.flush();
      // Nothing more is emitted once the user has closed: a backlog of events is not
      // dispatched first (under a flood that would take as long as the flood).
      this.#inbox.discardUndispatched();
      this.#transport.close();
    }
    return this.#closed;
  }

  /** Dispatches one message; true when it was a reply that settled a call. */
  #dispatch(message) {
    logReceived(message);
    // A reply is found by its id, wherever its call was sent from: Chromium answers a command
    // it cannot read, or one for a session that has just gone, without the sessionId.
    if (message.id != null) return this.#reply(message);
    const { method } = message;
    if (method === undefined) {
      // An error with no id (crates/transport/src/envelope.rs lets it through): Chromium could
      // not read a command at all. Reported; the connection and its other calls go on.
      unroutable(
        'an error that names no call (Chromium could not read a command; that call waits for its timeout)',
        message,
        'CDP_ERROR_WITHOUT_ID',
      );
      return false;
    }
    // `null` is absent, as the Rust envelope check reads it.
    const sessionId = message.sessionId ?? undefined;
    const params = targetEventParams(method, message.params);
    if (params === null) unroutable(`a ${method} without the fields it must have`, message, 'CDP_MALFORMED_EVENT');
    else if (method === 'Target.attachedToTarget') this.#adopt(params, sessionId);
    const session = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
    if (sessionId !== undefined && session === undefined) {
      if (!this.#retired.has(sessionId)) unroutable(`a message for session ${sessionId}, which is not attached`, message);
      return false;
    }
    // Once the browser is being closed, events reach no listener: under a flood, close()
    // would otherwise wait for every queued event's listeners before its own reply.
    if (this.#expectedCloseReason === undefined) {
      if (session === undefined) this.#owner.onEvent(method, message.params);
      else session[kDispatchEvent](method, message.params);
    }
    if (params === null) return false;
    if (method === 'Target.detachedFromTarget') this.#detached(params);
    else if (method === 'Target.targetCrashed') this.#crashed(params);
    else if (method === 'Inspector.targetCrashed' && session) this.endSession(session, end(CODES.targetCrashed, 'the target crashed'));
    return false;
  }

  /** A reply: true when it settled a call. */
  #reply(message) {
    const callbacks = this.#ids.answered(message.id);
    if (callbacks === LATE) return false;
    if (callbacks === undefined) {
      unroutable(`a reply to id ${message.id}, which no call is waiting for`, message);
      return false;
    }
    // False when the call has ended meanwhile (timed out, aborted, its session gone): then
    // this is its expected late reply.
    return callbacks.settle(message.id, message);
  }

  /** Creates the session of a newly attached target before any of its messages arrive. */
  #adopt(params, parentId) {
    const { sessionId, targetInfo } = params;
    if (this.#sessions.has(sessionId)) return;
    // The browser target's session has no targetId, as API.md says.
    const targetId = targetInfo?.type === 'browser' ? undefined : targetInfo?.targetId;
    const child = new CDPSession(this, sessionId, targetId);
    this.#sessions.set(sessionId, child);
    // Sessions asked for on the browser session (newPage, newCDPSession) are returned, not
    // announced; the Browser's onAttached does nothing, a root CDPSession's announces.
    if (parentId === undefined) this.#owner.onAttached(child);
    else this.#sessions.get(parentId)?.[kAnnounceChild](child);
  }

  #detached({ sessionId }) {
    const child = this.#sessions.get(sessionId);
    if (!child) return;
    const expected = this.#expectedCloseReason;
    this.endSession(
      child,
      expected === undefined
        ? end(CODES.targetClosed, 'the target was closed or detached (Target.detachedFromTarget)')
        : end(CODES.close, `the browser is closing: ${expected}`),
    );
  }

  /**
   * A crashed renderer never answers what was sent to it, so its sessions end here, and are
   * detached in Chromium too.
   */
  #crashed({ targetId, status, errorCode }) {
    for (const session of this.#sessions.values()) {
      if (session.targetId !== targetId) continue;
      this.endSession(session, end(CODES.targetCrashed, `the target crashed (${status}, error code ${errorCode})`));
      this.sendToBrowser('Target.detachFromTarget', { sessionId: session.id }).catch(() => {});
    }
  }

  /** Ends a session: stops routing to it, then tells it (pending calls, 'detached'). */
  endSession(session, sessionEnd) {
    this.#forget(session.id);
    session[kEnd](sessionEnd);
  }

  #forget(sessionId) {
    if (!this.#sessions.delete(sessionId)) return;
    this.#retired.add(sessionId);
    if (this.#retired.size > MAX_RETIRED) this.#retired.delete(this.#retired.values().next().value);
  }

  /** The end as the browser's own session tells it. */
  #rootEnd() {
    return end(this.#end.code, `the browser connection closed: ${this.#end.reason}`, this.#end.closeCode);
  }

  /** The one close path: `cause` is the transport's (crates/transport/src/cause.rs). */
  #finish(cause) {
    if (this.#end !== undefined) return;
    const expected = this.#expectedCloseReason;
    const reported = transportEnd(cause, this.#transport?.medium, expected ?? this.#closeReason);
    // The browser went away because we asked it to: that is a close, with how it went.
    this.#end = expected === undefined || reported.code === CODES.close ? reported : end(CODES.close, `${expected} (${reported.reason})`);
    this.#rootCallbacks.rejectAll(this.#rootEnd());
    this.#ids.clear();
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    const sessionEnd = end(this.#end.code, `the browser disconnected: ${this.#end.reason}`, this.#end.closeCode);
    for (const session of sessions) session[kEnd](sessionEnd);
    try {
      this.#owner.onClose(this.#end);
    } finally {
      this.#transport?.release();
      this.#resolveClosed();
    }
  }
}

module.exports = { Connection };
