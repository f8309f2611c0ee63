'use strict';
// One CDP connection whose messages go to another library's client (Puppeteer, Playwright)
// rather than to a Connection: cdp-native's native transport, inbox and outbox, and nothing
// routed. It is the link (lib/launcher.js, startBrowser; lib/connect.js, connectThrough) of
// the browser it speaks to, so a launched browser is started, awaited and cleaned up exactly
// as launch() does it.
//
// Messages reach `onMessage` one per macrotask, in arrival order, as the libraries' own
// transports hand them on (lib/inbox.js, taskPerMessage); a synchronous burst of sends
// crosses into Rust in one call, and sends wait while the peer does not read (lib/outbox.js).
// `onEnd(end)` is called once, however the transport ends, after every message before it.

const { MAX_ID } = require('../call-ids');
const { CODES, end, transportEnd } = require('../causes');
const { checkedConnectOptions, connectThrough } = require('../connect');
const { Inbox } = require('../inbox');
const { startBrowser } = require('../launcher');
const { openPipe, openWebSocket } = require('../native-transport');
const { checkOptions } = require('../options');
const { Outbox } = require('../outbox');

/**
 * The outbox keeps, for each command, whose call it is, so that one whose call has ended is
 * dropped unsent while the peer is not reading. A library's command is its own to end: from
 * here it is always pending.
 */
const LIBRARY_CALLS = Object.freeze({ isPending: () => true, neverSent() {} });

/**
 * The first id of our own commands (the launch's readiness check, Browser.close), counted
 * down from the largest id Chromium takes: the libraries number theirs up from 1 (and the
 * transport refuses a reply with a negative id as not CDP).
 */
const FIRST_OWN_ID = MAX_ID;

class RawTransport {
  #native = null;
  #outbox = new Outbox();
  #inbox;
  #maxMessageSize;
  #headers;
  /** Our own commands' replies, by id: `{ resolve, reject }`. */
  #ownCalls = new Map();
  #nextOwnId = FIRST_OWN_ID;
  /** The library's: `onMessage(message)` (a text, or a parsed object), `onEnd(end)`. */
  #onMessage;
  #onEnd;
  /** How it ended (`{ code, reason, closeCode? }`), or undefined while open. */
  #end = undefined;
  /** Set when the browser goes because we asked it to, for the end's reason. */
  #expectedCloseReason = undefined;
  /** Why the transport was closed from here, for the `close` cause. */
  #closeReason = undefined;
  /** True once the library's user has closed: nothing more reaches the library then. */
  #closedByUser = false;
  #closed;
  #resolveClosed;

  /**
   * `keepTexts`: a message that came alone reaches `onMessage` as its text (Puppeteer parses
   * it itself), else every message as an object (Playwright's shape).
   */
  constructor({ maxMessageSize, headers, keepTexts, onMessage, onEnd }) {
    this.#maxMessageSize = maxMessageSize;
    this.#headers = headers;
    this.#onMessage = onMessage;
    this.#onEnd = onEnd;
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    this.#inbox = new Inbox({
      dispatch: this.#dispatch,
      close: (cause) => this.#finish(cause),
      outbox: this.#outbox,
      taskPerMessage: true,
      keepTexts,
    });
  }

  /** The native transport's inbound callback (lib/native-transport.js). */
  get onInbound() {
    return this.#inbox.receive;
  }

  /** Takes the opened native transport (lib/native-transport.js calls this). */
  attach(native) {
    this.#native = native;
    this.#outbox.attach(native);
    this.#inbox.attach(native);
    // Not awaited: pending, it holds Node's event loop while the transport is open.
    native.waitForClose();
    if (this.#end !== undefined) native.release();
  }

  /** One command text of the library. Dropped once the user has closed, or it has ended. */
  send(text) {
    if (this.#closedByUser || this.#end !== undefined) return;
    this.#outbox.queue(text, LIBRARY_CALLS, undefined);
  }

  get connected() {
    return this.#native !== null && this.#end === undefined;
  }

  // The link, for the launcher and connectThrough.

  openPipe() {
    return openPipe(this, { maxMessageSize: this.#maxMessageSize });
  }

  async openWebSocket(url, signal) {
    await openWebSocket(this, url, { headers: this.#headers, maxMessageSize: this.#maxMessageSize, signal });
  }

  /** The browser's first reply, over a pipe: it speaks CDP. */
  ready() {
    return this.#ownCall('Browser.getVersion');
  }

  expectClose(why) {
    this.#expectedCloseReason ??= why;
  }

  /** Asks the browser to close and waits for its reply, at most `ms`; never rejects. */
  async closeBrowser(ms) {
    let timer;
    try {
      await Promise.race([this.#ownCall('Browser.close').catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the transport (if it was opened); resolves once its end has been handled. */
  close(reason) {
    this.#closedByUser = true;
    if (this.#native === null) return Promise.resolve();
    if (this.#end === undefined) {
      this.#closeReason ??= reason;
      // Commands sent just before still go out first.
      this.#outbox.flush();
      this.#inbox.discardUndispatched();
      this.#native.close();
    }
    return this.#closed;
  }

  /** Stops handing messages to the library: its user is closing (a launched browser goes first). */
  stopDelivering() {
    this.#closedByUser = true;
  }

  #ownCall(method) {
    const id = this.#nextOwnId--;
    return new Promise((resolve, reject) => {
      if (this.#end !== undefined) return reject(new Error(`${method}: ${this.#end.reason}`));
      this.#ownCalls.set(id, { method, resolve, reject });
      this.#outbox.queue(JSON.stringify({ id, method }), LIBRARY_CALLS, undefined);
    });
  }

  #dispatch = (message) => {
    // Parsing a text again is only while one of our few own commands waits.
    if (this.#ownCalls.size > 0) {
      const { id, result, error } = typeof message === 'string' ? JSON.parse(message) : message;
      const call = this.#ownCalls.get(id);
      if (call !== undefined) {
        this.#ownCalls.delete(id);
        if (error) call.reject(new Error(`${call.method}: ${error.message}`));
        else call.resolve(result);
        return false;
      }
    }
    if (this.#closedByUser) return false;
    try {
      this.#onMessage(message);
    } catch (error) {
      // As a throw from an EventEmitter listener: uncaught, and the next messages still go.
      process.nextTick(() => {
        throw error;
      });
    }
    return false;
  };

  /** The one end: `cause` is the transport's (crates/transport/src/cause.rs). */
  #finish(cause) {
    if (this.#end !== undefined) return;
    const expected = this.#expectedCloseReason;
    const reported = transportEnd(cause, this.#native?.medium, expected ?? this.#closeReason);
    this.#end = expected === undefined || reported.code === CODES.close ? reported : end(CODES.close, `${expected} (${reported.reason})`);
    for (const call of this.#ownCalls.values()) call.reject(new Error(`${call.method}: ${this.#end.reason}`));
    this.#ownCalls.clear();
    try {
      this.#onEnd(this.#end);
    } finally {
      this.#native?.release();
      this.#resolveClosed();
    }
  }
}

/** True when `options` are connect()'s: an endpoint string, or an object naming one. */
function namesEndpoint(options) {
  // `in` reads no getter: the options are read once, by checkOptions.
  return typeof options === 'string' || (options !== null && typeof options === 'object' && 'endpoint' in options);
}

/**
 * Opens a RawTransport for `options` with the library's `handlers` (see the constructor):
 * launch()'s options launch a browser (over a pipe by default), connect()'s (`{ endpoint, … }`
 * or an endpoint string) reach a running one. `where` names the call in errors. Resolves with
 * `{ raw, process, shutdown }`: the launched ChildProcess and what closes it and removes its
 * profile, or null for both when connected.
 */
async function openRawTransport(options, where, handlers) {
  // Captured now: a failure comes in a later task whose stack shows no caller.
  const trace = new Error();
  if (options !== null && typeof options === 'object' && 'protocolTimeout' in options) {
    throw new TypeError(`${where}: protocolTimeout is not used here: the library's own protocolTimeout bounds its calls`);
  }
  if (namesEndpoint(options)) {
    const checked = checkedConnectOptions(options, where);
    const raw = new RawTransport({ maxMessageSize: checked.maxMessageSize, headers: checked.headers, ...handlers });
    await connectThrough({ where: where.replace(/\(\)$/, ''), options: checked, link: raw, attach: () => undefined, trace });
    return { raw, process: null, shutdown: null };
  }
  const checked = checkOptions('launch', options ?? {}, where);
  const raw = new RawTransport({ maxMessageSize: checked.maxMessageSize, ...handlers });
  return startBrowser(checked, raw, ({ process, shutdown }) => ({ raw, process, shutdown }));
}

module.exports = { openRawTransport };
