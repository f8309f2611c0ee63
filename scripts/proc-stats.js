'use strict';
// What Linux's /proc says about a process, for scripts/soak.js and the tests that measure a
// browser or themselves (security.test.js, launch.test.js, fixtures/stalled-peer.js). Node built-ins only: the
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

/** Listening TCP sockets (IPv4 and IPv6) held by any of `pids`, as { address, port }. */
function listeningSockets(pids) {
  const inodes = new Set();
  for (const pid of pids) {
    let fds = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]);
      } catch {
        // closed meanwhile
      }
    }
  }
  const sockets = [];
  for (const table of ['tcp', 'tcp6']) {
    let text;
    try {
      text = fs.readFileSync(`/proc/${pids[0]}/net/${table}`, 'utf8');
    } catch {
      continue; // no such table (e.g. no IPv6)
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // st 0A is LISTEN; the inode is the 10th column.
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9])) continue;
      const [hexAddress, hexPort] = cols[1].split(':');
      sockets.push({ address: `${table}:${hexAddress}`, port: parseInt(hexPort, 16) });
    }
  }
  return sockets;
}

module.exports = { statusField, fdCount, processTree, resetPeakRss, listeningSockets };
