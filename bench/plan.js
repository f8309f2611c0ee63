'use strict';
// The order of the runs: round after round, each round every workload, each workload every
// client that can run it, in an order shuffled afresh each time, so that no client always
// runs right after the same other one (a browser still busy with the previous client's
// pages, say, would otherwise always cost the same neighbour). The seed is printed and saved,
// so an order can be replayed with --seed.

// The clients of both sections are shuffled together: a pipe run (a browser of its own
// starting and stopping) and a WebSocket run see the same machine, as near in time as can be.

const { canRun } = require('./clients');

/** Every run in order: `{ round, workload, client }`. */
function plan({ rounds, workloads, clients, seed }) {
  const random = mulberry32(seed);
  const runs = [];
  for (let round = 1; round <= rounds; round++) {
    for (const workload of workloads) {
      const able = clients.filter((c) => canRun(c, workload));
      for (const client of shuffled(able, random)) runs.push({ round, workload, client });
    }
  }
  return runs;
}

/** Fisher–Yates, on a copy. */
function shuffled(list, random) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A small seeded generator (Math.random cannot be seeded); returns floats in [0, 1). */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { plan };
