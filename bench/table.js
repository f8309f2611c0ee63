'use strict';
// Prints the rows of summary.js as plain-text tables: one per workload and section, then the
// view of the rows on cdp-native's transport beside their libraries' own.

const { sizeNote } = require('./workloads');

const SECTION_HEADERS = ['client', 'median', 'min–max', 'vs best peer', 'CPU', 'peak RSS', 'RSS vs lowest peer'];
const ADAPTER_HEADERS = ['transport', 'median', 'vs own best', 'CPU', 'CPU vs own lowest', 'peak RSS'];

const whole = (value) => Math.round(value).toLocaleString('en-US');
const unitOf = (workload) => (workload.metric === 'rate' ? 'ops/s, higher is better' : 'ms, lower is better');
const figureText = (workload, value) => (workload.metric === 'rate' ? whole(value) : value.toFixed(0));
const withUnit = (workload, value) => `${figureText(workload, value)}${workload.metric === 'rate' ? '/s' : ' ms'}`;
const ratio = (value, best) => (value === undefined ? '' : `${value.toFixed(2)}×${best ? ' (best)' : ''}`);

/** The label, and the sizes when they are not the workload's own (workloads/index.js `fewer`). */
function labelOf(workload, params, row) {
  const note = sizeNote(workload, row.params, params);
  return note ? `${row.label} [${note}]` : row.label;
}

/** A row that has no figure: not available in this checkout, or every run failed. */
function missing(row, width) {
  const text = row.available === false ? `not available: ${row.reason}` : `FAILED ${row.failures} of ${row.runs}`;
  return [text, ...Array(width - 2).fill('')];
}

function formatTable(workload, params, rows) {
  const title = `${workload.name}  ${workload.title(params)}  (${unitOf(workload)})`;
  // Clients not available are named once under the section's heading (report.js).
  const cells = rows
    .filter((row) => row.available !== false)
    .map((row) => {
      const label = labelOf(workload, params, row);
      if (row.median === undefined) return [label, ...missing(row, SECTION_HEADERS.length)];
      const failed = row.failures ? ` (${row.failures} failed)` : '';
      return [
        label,
        `${withUnit(workload, row.median)}${failed}`,
        `${figureText(workload, row.min)}–${figureText(workload, row.max)}`,
        ratio(row.vsBestPeer, row.bestPeer),
        row.cpu.toFixed(2),
        `${row.rssMiB.toFixed(0)} MiB`,
        row.rssVsLowestPeer === undefined ? '' : `${row.rssVsLowestPeer.toFixed(2)}×`,
      ];
    });
  return layOut(title, SECTION_HEADERS, cells);
}

/** One library's rows of one workload from adapterView(). */
function formatAdapterTable(workload, params, libraryLabel, rows) {
  // A library's rows all run the same sizes (workloads/index.js `fewer`): the title names them.
  const sizes = rows.find((row) => row.params)?.params ?? params;
  const title = `${workload.name}  ${libraryLabel}: ${workload.title(sizes)}  (${unitOf(workload)})`;
  const cells = rows.map((row) => {
    const transport = `${row.role === 'adapter' ? "cdp-native's" : 'own'} ${row.section === 'pipe' ? 'pipe' : 'WebSocket'}`;
    const label = labelOf(workload, sizes, { ...row, label: transport });
    if (row.median === undefined) return [label, ...missing(row, ADAPTER_HEADERS.length)];
    return [
      label,
      withUnit(workload, row.median),
      ratio(row.vsOwnBest, row.ownBest),
      row.cpu.toFixed(2),
      row.cpuVsOwnLowest === undefined ? '' : `${row.cpuVsOwnLowest.toFixed(2)}×`,
      `${row.rssMiB.toFixed(0)} MiB`,
    ];
  });
  return layOut(title, ADAPTER_HEADERS, cells);
}

function layOut(title, headers, cells) {
  // A sentence in place of the figures (not available, failed) runs across the empty columns.
  const spans = (cols) => cols.slice(2).every((c) => c === '');
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.filter((c) => i === 0 || !spans(c)).map((c) => c[i].length)));
  const line = (cols) => {
    if (spans(cols) && cols !== headers) return `  ${cols[0].padEnd(widths[0])}  ${cols[1]}`;
    return `  ${cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`.trimEnd();
  };
  return [title, line(headers), ...cells.map(line)].join('\n');
}

const LEGEND =
  'median and min–max over the rounds; vs best peer: speed ratio against the fastest peer of the ' +
  'same section (> 1: faster; peers are the other libraries on their own transports, not cdp-native, ' +
  'its adapters or the Rust ceiling); CPU: client process CPU time / wall time of the measured part; ' +
  'peak RSS: maxRSS of the client process.';

const ADAPTER_LEGEND =
  "vs own best: speed ratio against the faster of the library's own WebSocket and own pipe " +
  '(the WebSocket rows share one browser, the pipe rows launch their own); CPU vs own lowest: ' +
  "against the lower CPU of the library's own transports.";

module.exports = { formatTable, formatAdapterTable, LEGEND, ADAPTER_LEGEND };
