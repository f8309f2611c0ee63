'use strict';
// The ids of one connection's calls. Ids are unique per connection (Chromium answers a
// command with an error that names no session when it cannot read it as sent, so a reply is
// found by its id, wherever the call was sent from), and they stay within the range Chromium
// takes: above 2^31 - 1 it answers "Message must have integer 'id' property", with no id, so
// a long-running service must wrap around instead of dying after ~2.1 billion sends.

/** The largest id Chromium accepts (measured: Chromium 156, 2026-12-01). */
const MAX_ID = 2 ** 31 - 1;
/** How many ended calls are remembered, to recognise their late replies. */
const MAX_LATE = 10000;
/** What `answered()` gives for the late reply of a call that has already ended. */
const LATE = Symbol('late');

class CallIds {
  #next;
  #max;
  /** id → the CallbackRegistry of each call sent and not yet answered. */
  #sent = new Map();
  /** Ids of calls that ended unanswered (timed out, aborted, session ended), oldest first. */
  #late = new Set();
  /** Size of `#sent` after the last sweep of ended calls. */
  #swept = 0;

  /** `first` and `max` are for the unit tests, which cannot make 2^31 calls. */
  constructor({ first = 1, max = MAX_ID } = {}) {
    this.#next = first;
    this.#max = max;
  }

  /** A fresh id for a call kept in `registry`; never one that may still be answered. */
  take(registry) {
    let id = this.#next;
    // Only after a wrap can an id still be in use.
    while (this.#sent.has(id) || this.#late.has(id)) id = id >= this.#max ? 1 : id + 1;
    this.#next = id >= this.#max ? 1 : id + 1;
    // Swept each time it doubles: amortised O(1), and the ended calls move to the bounded `#late`.
    // Before the new id joins: its call is registered only once this returns, so a sweep
    // would take it for ended and drop its reply as late.
    if (this.#sent.size + 1 >= 2 * Math.max(this.#swept, 1024)) this.#sweep();
    this.#sent.set(id, registry);
    return id;
  }

  /** Call `id` was never sent (its arguments were refused): the id is free again. */
  release(id) {
    this.#sent.delete(id);
  }

  /**
   * A reply with `id` has come: the registry its call was sent from, LATE when that call has
   * already ended (an expected leftover), or undefined for an id no call was sent with.
   */
  answered(id) {
    const registry = this.#sent.get(id);
    if (registry !== undefined) {
      this.#sent.delete(id);
      return registry;
    }
    return this.#late.delete(id) ? LATE : undefined;
  }

  /** The connection has ended: no reply will come. */
  clear() {
    this.#sent.clear();
    this.#late.clear();
  }

  #sweep() {
    for (const [id, registry] of this.#sent) {
      if (registry.isPending(id)) continue;
      this.#sent.delete(id);
      this.#late.add(id);
      if (this.#late.size > MAX_LATE) this.#late.delete(this.#late.values().next().value);
    }
    this.#swept = this.#sent.size;
  }
}

module.exports = { CallIds, LATE, MAX_ID };
