'use strict';
// What `npm run bench` prints at the end: both sections' tables, the rows on cdp-native's
// transport beside their libraries' own, whether every launched browser had the same flags,
// and what runs left behind.

const { SECTIONS } = require('./clients');
const { formatTable, formatAdapterTable, LEGEND, ADAPTER_LEGEND } = require('./table');

const LIBRARY_LABELS = { puppeteer: 'puppeteer-core', playwright: 'playwright-core' };

/** `summary`: { sections: { section: { workload: rows } }, adapters: { library: { workload: rows } } }. */
function formatReport({ heading, workloads, paramsOf, summary, runs }) {
  const parts = [heading, LEGEND];
  for (const section of SECTIONS) {
    const tables = summary.sections[section.name];
    if (!tables) continue;
    parts.push(`=== ${section.title} ===`);
    const unavailable = notAvailable(Object.values(tables).flat());
    if (unavailable) parts.push(unavailable);
    if (section.name === 'pipe') parts.push(flagsNote(runs.filter((r) => r.section === 'pipe')));
    for (const workload of workloads) {
      if (tables[workload.name]) parts.push(formatTable(workload, paramsOf(workload), tables[workload.name]));
    }
  }
  const libraries = Object.keys(summary.adapters);
  if (libraries.length) {
    parts.push("=== Puppeteer and Playwright on cdp-native's transport, beside their own (issue 13) ===", ADAPTER_LEGEND);
    for (const library of libraries) {
      for (const workload of workloads) {
        const rows = summary.adapters[library][workload.name];
        if (rows) parts.push(formatAdapterTable(workload, paramsOf(workload), LIBRARY_LABELS[library] ?? library, rows));
      }
    }
  }
  const leftovers = leftBehindNote(runs);
  if (leftovers) parts.push(leftovers);
  return `\n${parts.join('\n\n')}\n`;
}

/**
 * The flags each pipe client's browser ran with, read from /proc (child.js): they should be the
 * same, less the profile folder each library names for itself.
 */
function flagsNote(pipeRuns) {
  const byClient = new Map();
  for (const run of pipeRuns) {
    if (run.browserArgs && !byClient.has(run.client)) byClient.set(run.client, comparableFlags(run.browserArgs));
  }
  if (byClient.size === 0) return 'Browser flags: not read (no /proc, or no pipe run got as far as its browser).';
  const [[firstClient, first], ...others] = byClient;
  const differences = others
    .map(([client, flags]) => {
      const extra = flags.filter((f) => !first.includes(f));
      const lacking = first.filter((f) => !flags.includes(f));
      return extra.length || lacking.length
        ? `  ${client}: ${[...extra.map((f) => `+${f}`), ...lacking.map((f) => `-${f}`)].join(' ')}`
        : undefined;
    })
    .filter(Boolean);
  if (differences.length === 0) return `Every browser ran with the same flags: ${first.join(' ')} (and a --user-data-dir of its client's).`;
  return `WARNING: the browsers' flags differ from ${firstClient}'s (${first.join(' ')}):\n${differences.join('\n')}`;
}

function comparableFlags(args) {
  return [...new Set(args.slice(1).filter((a) => !a.startsWith('--user-data-dir=')))].sort();
}

function notAvailable(rows) {
  const reasons = new Map();
  for (const row of rows) if (row.available === false) reasons.set(row.label, row.reason);
  if (reasons.size === 0) return undefined;
  return `Not available in this checkout, so not run: ${[...reasons].map(([label, reason]) => `${label} (${reason})`).join('; ')}.`;
}

function leftBehindNote(runs) {
  const dirty = runs.filter((r) => r.leftBehind && (r.leftBehind.processes.length || r.leftBehind.files.length));
  if (dirty.length === 0) return "Nothing was left behind: every run's browser had exited and its temporary folder was empty.";
  const lines = dirty.map((r) => {
    const what = [...r.leftBehind.processes.map((p) => `process ${p} (killed)`), ...r.leftBehind.files.map((f) => `${f} (removed)`)];
    return `  round ${r.round} ${r.workload} ${r.client}: ${what.join(', ')}`;
  });
  return `Left behind, and cleaned up by the bench:\n${lines.join('\n')}`;
}

module.exports = { formatReport };
