'use strict';
// The outgoing side of a connection: commands sent in one synchronous burst cross into the
// transport in one call, joined by BURST_SEPARATOR (JSON.stringify never writes a raw
// newline), and are written in one go. While the transport's queue is full (the peer is not
// reading) commands wait here, where one whose call ends (timeout, abort) is dropped unsent.
//
// The inbox tells it, by explicit calls, when a batch of replies is being dispatched: the
// sends their callers make then leave together at the end of the batch (batchEnded), or
// after at most BURST_MESSAGES replies (replyDispatched), rather than one write each.

const { BURST_SEPARATOR, SendResult } = require('./wire');
const { protocolLogEnabled, logSent } = require('./protocol-log');

/**
 * A long synchronous burst (a loop of sends) is handed over this many commands at a time, so
 * that the browser starts on the first ones while the loop goes on. Also the most replies a
 * batch holds back its callers' sends for.
 */
const BURST_MESSAGES = 64;

/**
 * A burst is handed over early once this long (UTF-16 units), so that joining never nears
 * V8's string length limit.
 */
const MAX_OUTGOING_BURST = 16 * 1024 * 1024;

/** Held commands are first pruned once they reach this size (UTF-16 units). */
const MIN_PRUNED_CHARS = 4 * 1024 * 1024;

class Outbox {
  /** The transport the commands go to; until it is known, they wait here. */
  #transport = null;
  /** Command texts not yet handed to the transport. */
  #texts = [];
  /** For each of `#texts`, the registry and id of its call. */
  #calls = [];
  /** Sum of the lengths of `#texts`, in UTF-16 units. */
  #length = 0;
  /** False while the transport's queue is full: commands wait here until it drains. */
  #writable = true;
  /** Length and size of `#texts` after the last pruning while held. */
  #prunedLength = 0;
  #prunedChars = 0;
  /** Commands were held since the last flush, so some queued here may have ended. */
  #wasHeld = false;
  /** True while the inbox waits for the callers of a dispatched reply (a batch is paused). */
  #batchPaused = false;
  /** Replies dispatched while commands were queued here during a batch. */
  #repliesWhileQueued = 0;

  attach(transport) {
    this.#transport = transport;
    this.flush();
  }

  /** Queues the command `text` of call `id` (kept in `callbacks`). */
  queue(text, callbacks, id) {
    this.#texts.push(text);
    this.#calls.push(callbacks, id);
    this.#length += text.length;
    if (!this.#writable) {
      // Pruned each time the held commands double, in number or in size: amortised O(1).
      if (this.#texts.length >= 2 * Math.max(this.#prunedLength, 64) || this.#length >= 2 * Math.max(this.#prunedChars, MIN_PRUNED_CHARS)) {
        this.#prune();
      }
    } else if (this.#texts.length >= BURST_MESSAGES || this.#length >= MAX_OUTGOING_BURST) {
      this.flush();
    } else if (this.#texts.length === 1 && !this.#batchPaused) {
      // Handed over in a microtask, before any I/O can happen: the rest of the synchronous
      // burst joins it. During a paused batch, batchEnded() hands it over instead.
      queueMicrotask(this.flush);
    }
  }

  /** The inbox is waiting for the callers of a reply before it dispatches on. */
  batchPaused() {
    this.#batchPaused = true;
  }

  /** The inbox goes on with the batch after a reply's callers have run. */
  replyDispatched() {
    this.#batchPaused = false;
    // Held commands wait at most BURST_MESSAGES replies, even if the batch never ends.
    if (this.#texts.length > 0 && ++this.#repliesWhileQueued >= BURST_MESSAGES) this.flush();
  }

  /** The inbox has dispatched everything delivered so far. */
  batchEnded() {
    this.#batchPaused = false;
    this.flush();
  }

  /** The transport's queue has drained (DeliveryKind.Writable): held commands may go. */
  writable() {
    this.#writable = true;
    this.flush();
  }

  /**
   * Hands the queued commands to the transport. If it has already ended, their calls are
   * rejected when its close is handled, as every pending call is.
   */
  flush = () => {
    if (!this.#writable || this.#texts.length === 0 || this.#transport === null) return;
    if (this.#wasHeld) {
      this.#wasHeld = false;
      this.#prune();
      if (this.#texts.length === 0) return;
    }
    this.#repliesWhileQueued = 0;
    const texts = this.#texts;
    if (protocolLogEnabled()) for (const text of texts) logSent(text);
    const result = this.#transport.send(texts.length === 1 ? texts[0] : texts.join(BURST_SEPARATOR));
    this.#texts = [];
    this.#calls = [];
    this.#length = 0;
    this.#prunedLength = 0;
    this.#prunedChars = 0;
    if (result === SendResult.Full) {
      this.#writable = false;
      this.#wasHeld = true;
    }
  };

  /** Drops held commands whose calls have ended (timed out, aborted): they are never sent. */
  #prune() {
    const texts = [];
    const calls = [];
    let length = 0;
    for (let i = 0; i < this.#texts.length; i++) {
      const callbacks = this.#calls[2 * i];
      const id = this.#calls[2 * i + 1];
      if (!callbacks.isPending(id)) {
        callbacks.neverSent(id);
        continue;
      }
      texts.push(this.#texts[i]);
      calls.push(callbacks, id);
      length += this.#texts[i].length;
    }
    this.#texts = texts;
    this.#calls = calls;
    this.#length = length;
    this.#prunedLength = texts.length;
    this.#prunedChars = length;
  }
}

module.exports = { Outbox, BURST_MESSAGES };
