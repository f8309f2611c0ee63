'use strict';
// Turns the runs of one workload in one section into one row per client: median and spread of
// its figure, its speed against the best peer of the same section, client CPU and peak RSS.
// Then the view of issue 13: each library's rows on cdp-native's transport beside its own.

const { figureOf, sizeNote } = require('./workloads');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A speed ratio either way: > 1 is faster (a higher rate, a lower latency). */
function speedRatio(workload, figure, against) {
  return workload.metric === 'rate' ? figure / against : against / figure;
}

/**
 * `clients`: the section's clients that can run `workload`, each with `available` (true or the
 * reason it is not). `runs`: every run of `workload`, `{ client, ok, measurement, params }`.
 * `params`: the workload's sizes in this run. Returns rows in the order of `clients`.
 * `vsBestPeer` is against the best peer of these clients; `rssVsLowestPeer` < 1 uses less memory.
 */
function summarize(workload, clients, runs, params) {
  const rows = [];
  for (const client of clients) {
    const base = { client: client.name, label: client.label, role: client.role, library: client.library };
    if (client.available !== true) {
      rows.push({ ...base, available: false, reason: client.available });
      continue;
    }
    const own = runs.filter((r) => r.client === client.name);
    if (own.length === 0) continue;
    const good = own.filter((r) => r.ok).map((r) => r.measurement);
    const figures = good.map((m) => figureOf(workload, m));
    rows.push({
      ...base,
      params: own[0].params,
      runs: own.length,
      failures: own.length - good.length,
      median: good.length ? median(figures) : undefined,
      min: good.length ? Math.min(...figures) : undefined,
      max: good.length ? Math.max(...figures) : undefined,
      cpu: good.length ? median(good.map((m) => m.cpuMs / m.wallMs)) : undefined,
      rssMiB: good.length ? median(good.map((m) => m.maxRssKiB / 1024)) : undefined,
    });
  }
  // A peer that ran other sizes (workloads/index.js `fewer`) is shown, but is no one's reference.
  const peers = rows.filter((r) => r.role === 'peer' && r.median !== undefined && sizeNote(workload, r.params, params) === undefined);
  const better = workload.metric === 'rate' ? Math.max : Math.min;
  const best = peers.length ? better(...peers.map((r) => r.median)) : undefined;
  const lowestRss = peers.length ? Math.min(...peers.map((r) => r.rssMiB)) : undefined;
  for (const row of rows) {
    if (row.median === undefined || best === undefined) continue;
    row.vsBestPeer = speedRatio(workload, row.median, best);
    row.rssVsLowestPeer = row.rssMiB / lowestRss;
    row.bestPeer = row.role === 'peer' && row.median === best;
  }
  return rows;
}

/**
 * For each library with rows on cdp-native's transport: per workload those rows of both sections
 * beside the library's own WebSocket and own pipe, with `vsOwnBest`, the speed against the
 * better of the library's own transports. `bySection`: { section: { workload: rows } }.
 * Returns { library: { workload: rows } }, each row also naming its section.
 */
function adapterView(workloads, bySection) {
  const view = {};
  for (const workload of workloads) {
    const rows = Object.entries(bySection).flatMap(([section, tables]) =>
      (tables[workload.name] ?? []).map((row) => ({ ...row, section })),
    );
    const adapters = rows.filter((r) => r.role === 'adapter');
    for (const library of new Set(adapters.map((r) => r.library))) {
      const own = rows.filter((r) => r.library === library && r.role === 'peer');
      const mine = adapters.filter((r) => r.library === library);
      const measured = own.filter((r) => r.median !== undefined);
      const better = workload.metric === 'rate' ? Math.max : Math.min;
      const best = measured.length ? better(...measured.map((r) => r.median)) : undefined;
      const lowestCpu = measured.length ? Math.min(...measured.map((r) => r.cpu)) : undefined;
      const set = [...own, ...mine].map((row) => {
        const { section, client, label, role, available, reason, median: figure, cpu, rssMiB, params, failures, runs } = row;
        const entry = { section, client, label, role, available, reason, median: figure, cpu, rssMiB, params, failures, runs };
        if (figure !== undefined && best !== undefined) {
          entry.vsOwnBest = speedRatio(workload, figure, best);
          entry.cpuVsOwnLowest = cpu / lowestCpu;
          entry.ownBest = role === 'peer' && figure === best;
        }
        return entry;
      });
      view[library] ??= {};
      view[library][workload.name] = set;
    }
  }
  return view;
}

module.exports = { summarize, adapterView, median };
