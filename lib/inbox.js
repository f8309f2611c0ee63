'use strict';
// The incoming side of a connection. The transport rings a doorbell when messages arrive
// while none are waiting (DeliveryKind.Arrived); the inbox then takes everything that has
// arrived in one call, and takes again each time it has dispatched what it holds, so that
// under load messages come in batches with no wake each.
//
// Messages are dispatched in arrival order. When a reply settles a call, the code awaiting
// it runs before the next message is dispatched (API.md's ordering promise: Puppeteer and
// Playwright keep it with a macrotask after each message; here dispatch goes on once every
// microtask queued so far has run, which the addon arranges without a turn of the event
// loop, see #pause). A long run of
// dispatching yields to the event loop every DISPATCH_SLICE_MS, so that timers, I/O and other
// connections get their turn under a flood. Each take acknowledges the deliveries taken and
// dispatched before it, which lets the transport read on (its inbound window).
//
// For Puppeteer's and Playwright's transports (lib/adapters/raw-transport.js) it runs with
// `taskPerMessage`, which waits one macrotask after every message, as their own transports
// do, and with `keepTexts`, which hands on a message that came alone as its text, unparsed
// (Puppeteer parses it itself).

const trace = require('./trace');
const { DeliveryKind } = require('./wire');

/** The longest run of dispatching before the event loop gets a turn. */
const DISPATCH_SLICE_MS = 10;

/** How many messages are dispatched between two looks at the clock. */
const MESSAGES_PER_CLOCK_READ = 32;

class Inbox {
  /** The transport to take from and acknowledge to; set once it is open. */
  #transport = null;
  /**
   * `dispatch(message) → true` when the message was a reply that settled a call (then its
   * callers run before the next message is dispatched).
   */
  #dispatch;
  /** `close(cause)`: the transport's end, after every message before it. */
  #close;
  /** Told when a batch pauses, goes on and ends (outbox.js). */
  #outbox;
  /** Taken messages not yet dispatched; `#head` is the next one. */
  #queue = [];
  #head = 0;
  /** Deliveries taken from the transport and not yet acknowledged (on the next take). */
  #unacknowledged = 0;
  /** The doorbell rang before the transport was known: take once it is. */
  #arrivedEarly = false;
  /** True while dispatch waits one macrotask (for a reply's callers, or to yield). */
  #paused = false;
  /** The transport's close cause, once it has come; handled after every message before it. */
  #closeCause = undefined;
  /** True once the close has been handled. */
  #closed = false;
  /** Set by discardUndispatched(): what is taken from then on is dropped unread. */
  #discarding = false;
  /** Every message is followed by a macrotask, not only a reply by its callers' microtasks. */
  #taskPerMessage;
  /** A delivery of one message is queued as its text; a batch is parsed (it is JSON). */
  #keepTexts;

  constructor({ dispatch, close, outbox, taskPerMessage = false, keepTexts = false }) {
    this.#dispatch = dispatch;
    this.#close = close;
    this.#outbox = outbox;
    this.#taskPerMessage = taskPerMessage;
    this.#keepTexts = keepTexts;
  }

  /** The transport to take from; messages may have arrived before it was known. */
  attach(transport) {
    this.#transport = transport;
    if (this.#arrivedEarly && !this.#paused) this.#drain();
  }

  /** The transport's inbound callback: `(kind, text)`, on the JS thread. */
  receive = (kind, text) => {
    if (kind === DeliveryKind.Writable) {
      this.#outbox.writable();
      return;
    }
    if (kind === DeliveryKind.Resume) {
      this.#resume();
      return;
    }
    if (kind === DeliveryKind.Closed) this.#closeCause = JSON.parse(text);
    else this.#arrivedEarly = this.#transport === null;
    if (!this.#paused) this.#drain();
  };

  /**
   * The connection is being closed by its user: messages not yet dispatched are dropped (no
   * event is emitted after close(); the calls they would answer are rejected with the close).
   */
  discardUndispatched() {
    this.#discarding = true;
    this.#queue = [];
    this.#head = 0;
  }

  /** After a reply's callers have run. */
  #resume = () => {
    this.#paused = false;
    this.#outbox.replyDispatched();
    this.#drain();
  };

  /** After the event loop has had its turn. */
  #continue = () => {
    this.#paused = false;
    this.#drain();
  };

  #drain() {
    const sliceEnd = performance.now() + DISPATCH_SLICE_MS;
    let dispatched = 0;
    for (;;) {
      let settledCall = false;
      // Read anew each time: close() may have discarded the queue from inside a listener.
      while (this.#head < this.#queue.length) {
        settledCall = this.#dispatch(this.#queue[this.#head++]);
        if (settledCall) {
          if (trace.enabled) trace.noteReplyDispatched();
          break;
        }
        // Waits as after a reply: the pause is then a macrotask (see #pause).
        if (this.#taskPerMessage) {
          settledCall = true;
          break;
        }
        if (++dispatched % MESSAGES_PER_CLOCK_READ === 0 && performance.now() >= sliceEnd) return this.#yield();
      }
      // A reply settled a call: the code awaiting it runs (in microtasks) before the next
      // message is dispatched, whether that one is already queued or is taken now.
      if (settledCall && this.#head < this.#queue.length) return this.#pause();
      // One message a macrotask: what was sent while the taken messages were dispatched
      // leaves before more are taken, or it would wait as long as replies keep coming.
      if (this.#taskPerMessage) this.#outbox.batchEnded();
      if (!this.#takeArrived()) {
        // The macrotask after a message is owed even when nothing else has arrived yet: a
        // doorbell rung in the same poll phase would dispatch the next one before it.
        if (settledCall && this.#taskPerMessage) return this.#pause();
        break;
      }
      if (settledCall) return this.#pause();
      // Only time spent dispatching counts: what was just taken is not made to wait for nothing.
      if (dispatched > 0 && performance.now() >= sliceEnd) return this.#yield();
    }
    this.#queue = [];
    this.#head = 0;
    // What the callers sent while the batch was dispatched leaves together.
    this.#outbox.batchEnded();
    if (this.#closeCause !== undefined) {
      if (!this.#closed) {
        this.#closed = true;
        this.#close(this.#closeCause);
      }
      return;
    }
  }

  /**
   * Waits for the callers of the reply just dispatched: the transport calls back (Resume)
   * once every microtask queued so far has run, in the same turn of the event loop when it
   * can (lib/native-transport.js, resumeSoon); a transport without that, or an inbox with
   * `taskPerMessage`, waits a macrotask.
   */
  #pause() {
    this.#paused = true;
    this.#outbox.batchPaused();
    if (this.#transport?.resumeSoon && !this.#taskPerMessage) this.#transport.resumeSoon();
    else setImmediate(this.#resume);
  }

  /** Gives the event loop its turn in a long run of dispatching. */
  #yield() {
    // What the listeners sent meanwhile leaves now, not after the run.
    this.#outbox.batchEnded();
    this.#paused = true;
    setImmediate(this.#continue);
  }

  /** Takes what has arrived into the queue; false when nothing had (the doorbell is re-armed). */
  #takeArrived() {
    if (this.#transport === null) return false;
    this.#arrivedEarly = false;
    // Everything taken before has been dispatched: acknowledged in the same call, which lets
    // the transport read on (its inbound window).
    const taken = this.#transport.take(this.#unacknowledged);
    this.#unacknowledged = 0;
    if (taken === null) return false;
    if (trace.enabled) trace.noteTake(this.#transport);
    if (this.#discarding) return true;
    if (typeof taken === 'string') this.#push(taken);
    else for (const text of taken) this.#push(text);
    return true;
  }

  #push(text) {
    this.#unacknowledged++;
    // 0x5b is '[': only a batch begins so (no single message is an array, see below).
    if (this.#keepTexts && text.charCodeAt(0) !== 0x5b) {
      this.#queue.push(text);
      return;
    }
    const data = JSON.parse(text);
    // A JSON array is a batch (crates/transport/src/inbox.rs makes it; no single message is
    // one: crates/transport/src/envelope.rs refuses those).
    if (!Array.isArray(data)) this.#queue.push(data);
    else if (this.#head === this.#queue.length) {
      // Nothing is waiting: the parsed batch becomes the queue, without a copy.
      this.#queue = data;
      this.#head = 0;
    } else for (const message of data) this.#queue.push(message);
  }
}

module.exports = { Inbox };
