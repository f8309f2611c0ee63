'use strict';
// Prints the rows of summary.js as one plain-text table per workload.

const HEADERS = ['client', 'median', 'min–max', 'vs best peer', 'CPU', 'peak RSS', 'RSS vs lowest peer'];
const RIGHT_ALIGNED = new Set([1, 2, 3, 4, 5, 6]);

function formatTable(workload, params, rows) {
  const unit = workload.metric === 'rate' ? 'ops/s, higher is better' : 'ms, lower is better';
  const title = `${workload.name}  ${workload.title(params)}  (${unit})`;
  const cells = rows.map((row) => {
    if (row.median === undefined) return [row.label, `FAILED ${row.failures} of ${row.runs}`, '', '', '', '', ''];
    const figure = (v) => (workload.metric === 'rate' ? whole(v) : v.toFixed(0));
    const failed = row.failures ? ` (${row.failures} failed)` : '';
    return [
      row.label,
      `${figure(row.median)}${workload.metric === 'rate' ? '/s' : ' ms'}${failed}`,
      `${figure(row.min)}–${figure(row.max)}`,
      row.vsBestPeer === undefined ? '' : `${row.vsBestPeer.toFixed(2)}×${row.bestPeer ? ' (best)' : ''}`,
      row.cpu.toFixed(2),
      `${row.rssMiB.toFixed(0)} MiB`,
      row.rssVsLowestPeer === undefined ? '' : `${row.rssVsLowestPeer.toFixed(2)}×`,
    ];
  });
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (cols) =>
    '  ' + cols.map((c, i) => (RIGHT_ALIGNED.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [title, line(HEADERS), ...cells.map(line)].join('\n');
}

const whole = (value) => Math.round(value).toLocaleString('en-US');

const LEGEND =
  'median and min–max over the rounds; vs best peer: speed ratio against the fastest peer ' +
  '(> 1: faster; peers exclude cdp-native and the Rust ceiling); CPU: client process CPU time / ' +
  'wall time of the measured part; peak RSS: maxRSS of the client process.';

module.exports = { formatTable, LEGEND };
