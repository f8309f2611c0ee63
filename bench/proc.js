'use strict';
// The processes a process started, read from /proc (Linux): their pids, command lines and CPU
// time. Used to clean up after a run (leftovers.js) and to wait for a launched browser to go
// quiet (clients/own-browser.js). Where there is no /proc, nothing is found.

const fs = require('node:fs');

/**
 * `{ pid, ppid, state, start, cpuTicks }` from /proc/<pid>/stat, or undefined when it is gone.
 * start (clock ticks since boot) tells a reused pid apart; cpuTicks is user + system time in
 * USER_HZ ticks (100 a second on Linux).
 */
function readStat(pid) {
  let text;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, state: fields[0], ppid: Number(fields[1]), start: fields[19], cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** Every process below `rootPid` (children, their children, …), as readStat() gives them. */
function descendantsOf(rootPid) {
  let names;
  try {
    names = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const table = names.map((name) => readStat(Number(name))).filter(Boolean);
  const found = [];
  let parents = new Set([rootPid]);
  while (parents.size) {
    const children = table.filter((p) => parents.has(p.ppid));
    found.push(...children);
    parents = new Set(children.map((p) => p.pid));
  }
  return found;
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

const procAvailable = () => fs.existsSync('/proc/self/stat');

module.exports = { readStat, descendantsOf, commandLine, procAvailable };
