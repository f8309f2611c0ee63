'use strict';
// Writes every run of a bench, with the machine and the summary, to bench/results/<date>.json.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RESULTS = path.join(__dirname, 'results');

function writeResults(report) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date(report.startedAt).toISOString().replace(/:/g, '-').replace(/\..*/, '');
  const file = path.join(RESULTS, `${stamp}.json`);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    platform: `${os.platform()} ${os.release()}`,
    // The Node of the bench's own process; the clients' is the report's `node`.
    benchNode: process.version,
  };
  fs.writeFileSync(file, `${JSON.stringify({ ...report, machine }, null, 2)}\n`);
  return file;
}

module.exports = { writeResults };
