'use strict';
// The incoming side of a connection: what the transport delivers (already split and checked
// off the JS thread) is queued and dispatched in arrival order. When a reply settles a call,
// the code awaiting it runs before the next message is dispatched (API.md's ordering
// promise, kept as Puppeteer and Playwright keep it: a macrotask after such a reply). Once
// everything delivered has been dispatched, the deliveries are acknowledged, which lets the
// transport read on (its inbound window).

const { DeliveryKind } = require('./wire');

/** Marks the close in the queue, so that it is handled after every message before it. */
const kClose = Symbol('close');

class Inbox {
  /** The transport, told of acknowledgements; set once it is open. */
  #transport = null;
  /** `dispatch(message) → true` when the message was a reply that settled a call. */
  #dispatch;
  /** `close(cause)`: the transport's end, after every message before it. */
  #close;
  /** Told when a batch pauses, goes on and ends (outbox.js). */
  #outbox;
  /** Delivered messages not yet dispatched; `#head` is the next one. */
  #queue = [];
  #head = 0;
  /** Deliveries taken from the transport and not yet acknowledged. */
  #unacknowledged = 0;
  /** True while dispatch waits one macrotask for the callers of a reply. */
  #paused = false;
  /** True once the close has been handled: nothing is acknowledged any more. */
  #closed = false;

  constructor({ dispatch, close, outbox }) {
    this.#dispatch = dispatch;
    this.#close = close;
    this.#outbox = outbox;
  }

  /** The transport to acknowledge to; deliveries may have come before it was known. */
  attach(transport) {
    this.#transport = transport;
  }

  /** The transport's inbound callback: `(kind, text)`, on the JS thread. */
  receive = (kind, text) => {
    if (kind === DeliveryKind.Writable) {
      this.#outbox.writable();
      return;
    }
    if (kind === DeliveryKind.Closed) {
      this.#queue.push({ [kClose]: JSON.parse(text) });
    } else {
      this.#unacknowledged++;
      const data = JSON.parse(text);
      // A JSON array is a batch (crates/transport/src/inbox.rs makes it; no single message
      // is one, crates/transport/src/envelope.rs refuses those).
      if (!Array.isArray(data)) this.#queue.push(data);
      else if (this.#head === this.#queue.length) {
        // Nothing is waiting: the parsed batch becomes the queue, without a copy.
        this.#queue = data;
        this.#head = 0;
      } else for (const message of data) this.#queue.push(message);
    }
    if (!this.#paused) this.#drain();
  };

  #resume = () => {
    this.#paused = false;
    this.#outbox.replyDispatched();
    this.#drain();
  };

  #drain() {
    const queue = this.#queue;
    while (this.#head < queue.length) {
      const message = queue[this.#head++];
      if (message[kClose] !== undefined) {
        this.#closed = true;
        this.#close(message[kClose]);
      } else if (this.#dispatch(message) && this.#head < queue.length) {
        // A reply settled a call: the code awaiting it runs (in microtasks) before the next
        // message is dispatched. With nothing queued behind it the next delivery is a
        // macrotask anyway, so there is nothing to wait for.
        this.#paused = true;
        this.#outbox.batchPaused();
        setImmediate(this.#resume);
        return;
      }
    }
    queue.length = 0;
    this.#head = 0;
    // What the callers sent while the batch was dispatched leaves together.
    this.#outbox.batchEnded();
    // Everything delivered so far has been dispatched: the transport may read on.
    if (this.#unacknowledged > 0 && this.#transport !== null && !this.#closed) {
      this.#transport.acknowledge(this.#unacknowledged);
      this.#unacknowledged = 0;
    }
  }
}

module.exports = { Inbox };
