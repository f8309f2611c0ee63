'use strict';
// Turns the runs of one workload into one row per client: median and spread of its figure,
// its speed against the best peer, client CPU and peak RSS.

const { figureOf } = require('./workloads');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * `runs`: every run of `workload`, `{ client, ok, measurement, error }`. Returns rows in the
 * order of `clients`, for those that ran it. `vsBestPeer` is a speed ratio either way
 * (> 1: faster than the best peer); `rssVsLowestPeer` < 1 uses less memory.
 */
function summarize(workload, clients, runs) {
  const rows = [];
  for (const client of clients) {
    const own = runs.filter((r) => r.client === client.name);
    if (own.length === 0) continue;
    const good = own.filter((r) => r.ok).map((r) => r.measurement);
    const figures = good.map((m) => figureOf(workload, m));
    rows.push({
      client: client.name,
      label: client.label,
      role: client.role,
      runs: own.length,
      failures: own.length - good.length,
      median: good.length ? median(figures) : undefined,
      min: good.length ? Math.min(...figures) : undefined,
      max: good.length ? Math.max(...figures) : undefined,
      cpu: good.length ? median(good.map((m) => m.cpuMs / m.wallMs)) : undefined,
      rssMiB: good.length ? median(good.map((m) => m.maxRssKiB / 1024)) : undefined,
    });
  }
  const peers = rows.filter((r) => r.role === 'peer' && r.median !== undefined);
  const better = workload.metric === 'rate' ? Math.max : Math.min;
  const best = peers.length ? better(...peers.map((r) => r.median)) : undefined;
  const lowestRss = peers.length ? Math.min(...peers.map((r) => r.rssMiB)) : undefined;
  for (const row of rows) {
    if (row.median === undefined || best === undefined) continue;
    row.vsBestPeer = workload.metric === 'rate' ? row.median / best : best / row.median;
    row.rssVsLowestPeer = row.rssMiB / lowestRss;
    row.bestPeer = row.role === 'peer' && row.median === best;
  }
  return rows;
}

module.exports = { summarize, median };
