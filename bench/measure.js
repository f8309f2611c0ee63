'use strict';
// Times the measured part of a workload: wall time, and this process's CPU time (user +
// system, all threads, so a client's own worker threads count too).

function startTimer() {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  return {
    /** The measurement of `ops` operations since start. */
    stop(ops) {
      const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
      const { user, system } = process.cpuUsage(cpuStart);
      return { ops, wallMs, cpuMs: (user + system) / 1000 };
    },
  };
}

module.exports = { startTimer };
