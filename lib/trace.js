'use strict';
// Timestamps for the benchmark's breakdown of a round trip (bench/README.md, --breakdown):
// with CDP_NATIVE_TRACE set, the inbox notes when the latest reply was ready in Rust
// (src/binding/trace.rs) and when JavaScript dispatched it, in ns on process.hrtime's clock.
// Unset, each note costs one property read. Not public API: the bench reads it from here.

const enabled = process.env.CDP_NATIVE_TRACE !== undefined;

/** The latest reply that settled a call: `{ readyNs, takenNs, dispatchedNs }` (numbers). */
const lastReply = { readyNs: 0, takenNs: 0, dispatchedNs: 0 };

/** What was taken last: when it became ready in Rust, and when JS took it. */
const lastTake = { readyNs: 0, takenNs: 0 };

function noteTake(transport) {
  lastTake.readyNs = transport.lastArrivalNs?.() ?? 0;
  lastTake.takenNs = Number(process.hrtime.bigint());
}

function noteReplyDispatched() {
  lastReply.readyNs = lastTake.readyNs;
  lastReply.takenNs = lastTake.takenNs;
  lastReply.dispatchedNs = Number(process.hrtime.bigint());
}

module.exports = { enabled, lastReply, noteTake, noteReplyDispatched };
