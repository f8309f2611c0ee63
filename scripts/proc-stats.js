'use strict';
// What Linux's /proc says about a process, for scripts/soak.js and the tests that measure a
// browser or themselves (security.test.js, fixtures/stalled-peer.js). Node built-ins only: the
// soak script runs from a fresh clone without devDependencies.

const fs = require('node:fs');

/** A number field of /proc/<pid>/status (`Threads`, `VmRSS` in KiB, …); 0 where it is absent. */
function statusField(pid, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** How many fds `pid` has open. */
function fdCount(pid) {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/** `pid` and all its descendants (Chromium's zygotes, renderers, utility processes). */
function processTree(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** Resets the kernel's peak-RSS mark (VmHWM) of this process; false where that is not allowed. */
function resetPeakRss() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

module.exports = { statusField, fdCount, processTree, resetPeakRss };
