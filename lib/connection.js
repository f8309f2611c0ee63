'use strict';
// One connection to a browser: sends commands through the native transport and dispatches
// what it delivers (already split and checked off the JS thread) to the browser's own
// session or to the CDPSession it names, in arrival order.

const binding = require('../binding.js');
const { CallbackRegistry } = require('./callbacks');
const { AbortError, TargetClosedError, withCallerStack } = require('./errors');
const { checkOptions, serializeCommand } = require('./validate');
const { logSent, logReceived, protocolLogEnabled } = require('./protocol-log');
const { CDPSession, kAnnounceChild, kCallbacks, kDispatchEvent, kEnd } = require('./session');

/** Kinds of what the native transport delivers (src/binding/sink.rs). */
const KIND_MESSAGES = 0;
const KIND_CLOSED = 1;
const KIND_WRITABLE = 2;

/** What the native send() answers (src/binding/connection.rs). */
const SEND_FULL = 2;

/** How many ended sessions are remembered, to recognise their late messages. */
const MAX_RETIRED = 10000;

/**
 * A long synchronous burst (a loop of sends) is handed over this many commands at a time, so
 * that the browser starts on the first ones while the loop goes on.
 */
const BURST_MESSAGES = 64;

/**
 * A burst of outgoing commands is handed over early once this long (UTF-16 units), so that
 * joining never nears V8's string length limit.
 */
const MAX_OUTGOING_BURST = 16 * 1024 * 1024;

/** Held commands are first pruned once they reach this size (UTF-16 units). */
const MIN_PRUNED_CHARS = 4 * 1024 * 1024;

/** Marks the close in the queue, so it is handled after every message that came before it. */
const kCloseReason = Symbol('closeReason');

class Connection {
  /** The native transport handle; set once it is open. */
  #native = null;
  /** Ids are shared by all sessions of the connection, as Chromium expects. */
  #nextId = 1;
  /** Calls sent on the browser's own session (no sessionId). */
  #rootCallbacks = new CallbackRegistry();
  /** sessionId → CDPSession, for every session attached over this connection. */
  #sessions = new Map();
  /**
   * Ids of sessions that have ended, newest last: messages Chromium still sends for them are
   * expected leftovers (the user was already told), not strays to warn about.
   */
  #retired = new Set();
  /** Command texts of the current synchronous burst, not yet handed to the transport. */
  #outgoing = [];
  /** For each of `#outgoing`, the registry and id of its call. */
  #outgoingCalls = [];
  /** Sum of the lengths of `#outgoing`, in UTF-16 units. */
  #outgoingLength = 0;
  /**
   * False while the native outgoing queue is full (the browser is not reading): sends wait
   * here, where one that times out is dropped before it is ever sent.
   */
  #writable = true;
  /** Length of `#outgoing`, and its size, after the last pruning of ended calls while held. */
  #prunedLength = 0;
  #prunedChars = 0;
  /** Sends were held since the last flush, so some queued here may have timed out. */
  #wasHeld = false;
  /** Delivered messages not yet dispatched; `#head` is the next one. */
  #queue = [];
  #head = 0;
  /** Deliveries taken from the transport and not yet acknowledged (backpressure, window.rs). */
  #unacknowledged = 0;
  /** Replies dispatched since sends began to be held for the end of a batch. */
  #repliesSinceHeld = 0;
  /** True after a reply has settled a call: dispatch waits one macrotask so the caller runs first. */
  #waitingForCaller = false;
  /** Why the connection ended; undefined while it is open. */
  #closeReason = undefined;
  #closed;
  #resolveClosed;
  /** Owner's callbacks: onEvent(method, params) for the browser session, onClose(reason). */
  #owner = { onEvent() {}, onClose() {} };
  /** Set when we asked the browser to go away, so the close is reported as asked for. */
  #expectedCloseReason = undefined;

  /** Default per-call timeout in ms, 0 for none. */
  protocolTimeout;
  /** The Browser this connection belongs to, given to sessions as `.browser`. */
  browser = null;

  constructor({ protocolTimeout }) {
    this.protocolTimeout = protocolTimeout;
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
  }

  /** Connects to a browser WebSocket URL. */
  static async overWebSocket(url, { headers, maxMessageSize, ...rest }) {
    const connection = new Connection(rest);
    connection.#open(await binding.connectWebSocket(url, headers, maxMessageSize, connection.#onInbound));
    return connection;
  }

  /**
   * Opens the pipes for a browser about to be launched. The caller spawns the browser with
   * `browserFds` as its fds 3 and 4 and then calls `closeBrowserFds()`.
   */
  static overPipe({ maxMessageSize, ...rest }) {
    const connection = new Connection(rest);
    connection.#open(binding.openPipe(maxMessageSize, connection.#onInbound));
    return connection;
  }

  #open(native) {
    this.#native = native;
    // Not awaited: this pending promise keeps Node's event loop alive while the connection
    // is open, and lets go of it once the close has been handled.
    native.waitForClose();
    // The transport may have ended before its handle reached us.
    if (this.#closeReason !== undefined) native.release();
  }

  /** Who hears of browser-session events and of the close (the Browser). */
  setOwner(owner) {
    this.#owner = owner;
  }

  /** The transport is about to end because we asked for it (e.g. Browser.close). */
  expectClose(reason) {
    this.#expectedCloseReason ??= reason;
  }

  get browserFds() {
    return this.#native.browserFds;
  }

  closeBrowserFds() {
    this.#native.closeBrowserFds();
  }

  get connected() {
    return this.#closeReason === undefined;
  }

  get closeReason() {
    return this.#closeReason;
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
   * kept in `callbacks`. Bad arguments reject and send nothing.
   */
  call(sessionId, callbacks, method, params, options, endedReason) {
    // Captured now: the reply arrives in a later task whose stack does not show the caller.
    const trace = new Error();
    const optionsError = checkOptions(method, options);
    if (optionsError) return Promise.reject(withCallerStack(optionsError, trace));
    const id = this.#nextId++;
    const { text, error } = serializeCommand(id, method, params, sessionId);
    if (error) return Promise.reject(withCallerStack(error, trace));
    const reason = endedReason ?? (this.#closeReason === undefined ? undefined : `the browser connection closed: ${this.#closeReason}`);
    if (reason !== undefined) {
      return Promise.reject(withCallerStack(new TargetClosedError(method, reason), trace));
    }
    if (options?.signal?.aborted) {
      return Promise.reject(withCallerStack(new AbortError(method, options.signal.reason), trace));
    }
    const timeout = options?.timeout ?? this.protocolTimeout;
    const promise = callbacks.create(id, method, timeout, options?.signal, trace);
    this.#queueOutgoing(text, callbacks, id);
    return promise;
  }

  /**
   * Commands sent in one synchronous burst cross into the native side in one call, joined by
   * newlines (JSON.stringify never writes a raw newline), and the transport writes them in
   * one go. The burst is handed over in a microtask, before any I/O can happen.
   */
  #queueOutgoing(text, callbacks, id) {
    this.#outgoing.push(text);
    this.#outgoingCalls.push(callbacks, id);
    this.#outgoingLength += text.length;
    if (!this.#writable) {
      // Pruned each time the held commands double, in number or in size: amortised O(1).
      if (
        this.#outgoing.length >= 2 * Math.max(this.#prunedLength, 64) ||
        this.#outgoingLength >= 2 * Math.max(this.#prunedChars, MIN_PRUNED_CHARS)
      ) {
        this.#pruneOutgoing();
      }
    } else if (this.#outgoing.length >= BURST_MESSAGES || this.#outgoingLength >= MAX_OUTGOING_BURST) {
      this.#flushOutgoing();
    } else if (this.#outgoing.length === 1 && !this.#waitingForCaller) {
      // While a batch of replies is dispatched one macrotask each, their callers' sends are
      // collected and leave together when the batch is done (#drain), not one write each.
      queueMicrotask(this.#flushOutgoing);
    }
  }

  /** Drops held commands whose calls have ended (timed out, aborted): they are never sent. */
  #pruneOutgoing() {
    const texts = [];
    const calls = [];
    let length = 0;
    for (let i = 0; i < this.#outgoing.length; i++) {
      const callbacks = this.#outgoingCalls[2 * i];
      const id = this.#outgoingCalls[2 * i + 1];
      if (!callbacks.isPending(id)) {
        callbacks.neverSent(id);
        continue;
      }
      texts.push(this.#outgoing[i]);
      calls.push(callbacks, id);
      length += this.#outgoing[i].length;
    }
    this.#outgoing = texts;
    this.#outgoingCalls = calls;
    this.#outgoingLength = length;
    this.#prunedLength = texts.length;
    this.#prunedChars = length;
  }

  /**
   * Hands the queued commands to the transport. If it has already ended, their calls are
   * rejected when its close is handled, as every pending call is.
   */
  #flushOutgoing = () => {
    if (!this.#writable || this.#outgoing.length === 0) return;
    // Commands held back may have timed out meanwhile.
    if (this.#wasHeld) {
      this.#wasHeld = false;
      this.#pruneOutgoing();
      if (this.#outgoing.length === 0) return;
    }
    this.#repliesSinceHeld = 0;
    const outgoing = this.#outgoing;
    if (protocolLogEnabled()) for (const text of outgoing) logSent(text);
    const answer = this.#native.send(outgoing.length === 1 ? outgoing[0] : outgoing.join('\n'));
    this.#outgoing = [];
    this.#outgoingCalls = [];
    this.#outgoingLength = 0;
    this.#prunedLength = 0;
    this.#prunedChars = 0;
    if (answer === SEND_FULL) {
      this.#writable = false;
      this.#wasHeld = true;
    }
  };

  /** Asks the transport to close; resolves once the close has been handled. */
  close(reason) {
    if (this.#closeReason === undefined) {
      // Commands sent just before close() still go out first.
      this.#flushOutgoing();
      this.#native.close(this.#expectedCloseReason ?? reason);
    }
    return this.#closed;
  }

  /** The threadsafe function's target: `(kind, text)`, on the JS thread. */
  #onInbound = (kind, text) => {
    if (kind === KIND_WRITABLE) {
      this.#writable = true;
      this.#flushOutgoing();
      return;
    }
    if (kind === KIND_CLOSED) {
      this.#queue.push({ [kCloseReason]: text });
    } else {
      this.#unacknowledged++;
      const data = JSON.parse(text);
      if (!Array.isArray(data)) this.#queue.push(data);
      else if (this.#head === this.#queue.length) {
        // Nothing is waiting: the parsed batch becomes the queue, without a copy.
        this.#queue = data;
        this.#head = 0;
      } else for (const message of data) this.#queue.push(message);
    }
    if (!this.#waitingForCaller) this.#drain();
  };

  #resume = () => {
    this.#waitingForCaller = false;
    // Sends held while a batch is dispatched wait at most this many replies, even if more
    // keep arriving and the batch never ends.
    if (this.#outgoing.length > 0 && ++this.#repliesSinceHeld >= BURST_MESSAGES) this.#flushOutgoing();
    this.#drain();
  };

  #drain() {
    const queue = this.#queue;
    while (this.#head < queue.length) {
      const message = queue[this.#head++];
      if (message[kCloseReason] !== undefined) {
        this.#finish(message[kCloseReason]);
      } else if (this.#dispatch(message) && this.#head < queue.length) {
        // A reply settled a call: the code awaiting it runs (in microtasks) before the next
        // message is dispatched, as Puppeteer and Playwright guarantee. With nothing queued
        // behind it the next delivery is a macrotask anyway, so there is nothing to wait for.
        this.#waitingForCaller = true;
        setImmediate(this.#resume);
        return;
      }
    }
    queue.length = 0;
    this.#head = 0;
    // What the callers sent while the batch was dispatched leaves together.
    this.#flushOutgoing();
    // Everything delivered so far has been dispatched: the transport may read on.
    if (this.#unacknowledged > 0 && this.#native !== null && this.#closeReason === undefined) {
      this.#native.acknowledge(this.#unacknowledged);
      this.#unacknowledged = 0;
    }
  }

  /** Dispatches one message; true when it was a reply that settled a call. */
  #dispatch(message) {
    logReceived(message);
    // `null` is absent, as the Rust envelope check reads it.
    const sessionId = message.sessionId ?? undefined;
    const { method } = message;
    if (method === 'Target.attachedToTarget') this.#adopt(message);
    const session = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
    if (sessionId !== undefined && session === undefined) {
      if (!this.#retired.has(sessionId)) unroutable(`a message for session ${sessionId}, which is not attached`, message);
      return false;
    }
    if (message.id != null) {
      const callbacks = session === undefined ? this.#rootCallbacks : session[kCallbacks];
      if (callbacks.settle(message.id, message)) return true;
      unroutable(`a reply to id ${message.id}, which no call is waiting for`, message);
      return false;
    }
    if (session === undefined) this.#owner.onEvent(method, message.params);
    else session[kDispatchEvent](method, message.params);
    if (method === 'Target.detachedFromTarget') this.#detached(message.params);
    else if (method === 'Target.targetCrashed') this.#crashed(message.params);
    else if (method === 'Inspector.targetCrashed' && session) this.endSession(session, 'the target crashed');
    return false;
  }

  /** Creates the session of a newly attached target before any of its messages arrive. */
  #adopt({ params, sessionId: parentId }) {
    const { sessionId, targetInfo } = params;
    if (this.#sessions.has(sessionId)) return;
    // The browser target's session has no targetId, as API.md says.
    const targetId = targetInfo?.type === 'browser' ? undefined : targetInfo?.targetId;
    const child = new CDPSession(this, sessionId, targetId);
    this.#sessions.set(sessionId, child);
    const parent = parentId === undefined ? undefined : this.#sessions.get(parentId);
    // Sessions asked for on the browser session (newPage, newCDPSession) are returned, not announced.
    if (parent) parent[kAnnounceChild](child);
  }

  #detached({ sessionId }) {
    const child = this.#sessions.get(sessionId);
    if (!child) return;
    const expected = this.#expectedCloseReason;
    this.endSession(
      child,
      expected === undefined ? 'the target was closed or detached (Target.detachedFromTarget)' : `the browser is closing: ${expected}`,
    );
  }

  /**
   * A crashed renderer never answers what was sent to it, so its sessions end here, and are
   * detached in Chromium too.
   */
  #crashed({ targetId, status, errorCode }) {
    for (const session of this.#sessions.values()) {
      if (session.targetId !== targetId) continue;
      this.endSession(session, `the target crashed (${status}, error code ${errorCode})`);
      this.sendToBrowser('Target.detachFromTarget', { sessionId: session.id }).catch(() => {});
    }
  }

  /** Ends a session: stops routing to it, then tells it (pending calls, 'detached'). */
  endSession(session, reason) {
    this.#forget(session.id);
    session[kEnd](reason);
  }

  #forget(sessionId) {
    if (!this.#sessions.delete(sessionId)) return;
    this.#retired.add(sessionId);
    if (this.#retired.size > MAX_RETIRED) this.#retired.delete(this.#retired.values().next().value);
  }

  #finish(transportReason) {
    if (this.#closeReason !== undefined) return;
    const expected = this.#expectedCloseReason;
    const reason = expected === undefined || expected === transportReason ? transportReason : `${expected} (${transportReason})`;
    this.#closeReason = reason;
    this.#rootCallbacks.rejectAll(`the browser connection closed: ${reason}`);
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    for (const session of sessions) session[kEnd](`the browser disconnected: ${reason}`);
    try {
      this.#owner.onClose(reason);
    } finally {
      this.#native?.release();
      this.#resolveClosed();
    }
  }
}

/** A message that cannot be delivered is reported, never dropped silently. */
function unroutable(what, message) {
  const text = JSON.stringify(message);
  process.emitWarning(`cdp-native received ${what}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`, {
    type: 'CDPWarning',
    code: 'CDP_UNROUTABLE_MESSAGE',
  });
}

module.exports = { Connection };
