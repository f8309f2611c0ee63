'use strict';
// The clients the bench compares, in two sections compared separately. Each JS client is a
// module in this folder whose `open()` gives the same small interface (see cdp-native.js);
// the Rust ceiling is a cargo example.

/**
 * websocket: every client connects to one shared headless Chromium (W1–W5), started before
 * the runs, or to the Rust mock server (M1, M2). pipe: every client launches a Chromium of its
 * own over --remote-debugging-pipe, with the same flags (own-browser.js), for each run.
 */
const SECTIONS = [
  { name: 'websocket', title: 'WebSocket, one shared Chromium (W) or the Rust mock server (M)' },
  { name: 'pipe', title: 'pipe, each run a Chromium of its own launched by the client' },
];

/**
 * Issue 13 asks for one row per library on cdp-native's transport, on W1, W2, W3, W5 and M1:
 * on W its default, a browser cdp-native launches over a pipe; on M1 `{ endpoint }`, as the
 * mock listens on a socket.
 */
const ADAPTER_PIPE_WORKLOADS = ['W1', 'W2', 'W3', 'W5'];
const ADAPTER_SOCKET_WORKLOADS = ['M1'];

/**
 * role: 'ours' (cdp-native), 'peer' (what the other rows of its section are compared with),
 *   'adapter' (Puppeteer or Playwright on cdp-native's transport), 'ceiling' (Rust, no JS).
 * section: which section it belongs to; a pipe client launches its own browser and gets no
 *   endpoint. servers: which workloads it can run: 'browser' (W1–W5), 'mock' (M1, M2).
 * workloads: when given, only these. library: the library of a peer or adapter row, so that
 *   an adapter row can be set beside its library's own transports.
 * Modules may export `available()`: true, or the reason the client cannot run yet (then its
 *   rows say "not available"; it is not a failure).
 */
const BOTH = ['browser', 'mock'];
const CLIENTS = [
  { name: 'cdp-native', label: 'cdp-native', role: 'ours', section: 'websocket', servers: BOTH },
  { name: 'chrome-remote-interface', label: 'chrome-remote-interface', role: 'peer', section: 'websocket', servers: BOTH },
  { name: 'puppeteer-core', label: 'puppeteer-core', role: 'peer', section: 'websocket', servers: BOTH, library: 'puppeteer' },
  // Playwright's connectOverCDP reads Browser.getVersion, which the mock answers; but its M2
  // (200,000 events at its few thousand a second) alone would take a minute a run. It runs
  // a quarter of the others' calls (workloads/index.js).
  {
    name: 'playwright-core',
    label: 'playwright-core',
    role: 'peer',
    section: 'websocket',
    servers: BOTH,
    library: 'playwright',
    workloads: ['W1', 'W2', 'W3', 'W4', 'W5', 'M1'],
  },
  { name: 'ws', label: 'bare ws client', role: 'peer', section: 'websocket', servers: BOTH },
  { name: 'rust-ceiling', label: 'Rust, no JS (ceiling)', role: 'ceiling', section: 'websocket', servers: BOTH, rust: true },
  adapter('puppeteer', 'websocket', ADAPTER_SOCKET_WORKLOADS),
  adapter('playwright', 'websocket', ADAPTER_SOCKET_WORKLOADS),

  // A pipe cannot reach the mock server, which listens on a socket.
  { name: 'cdp-native-pipe', label: 'cdp-native launch()', role: 'ours', section: 'pipe', servers: ['browser'] },
  {
    name: 'puppeteer-core-pipe',
    label: 'puppeteer-core launch({ pipe: true })',
    role: 'peer',
    section: 'pipe',
    servers: ['browser'],
    library: 'puppeteer',
  },
  {
    name: 'playwright-core-pipe',
    label: 'playwright-core chromium.launch()',
    role: 'peer',
    section: 'pipe',
    servers: ['browser'],
    library: 'playwright',
  },
  adapter('puppeteer', 'pipe', ADAPTER_PIPE_WORKLOADS),
  adapter('playwright', 'pipe', ADAPTER_PIPE_WORKLOADS),
];

/** The row of `library` on cdp-native's transport in `section`: clients/<library>-on-cdp-native[-pipe].js. */
function adapter(library, section, workloads) {
  return {
    name: `${library}-on-cdp-native${section === 'pipe' ? '-pipe' : ''}`,
    label: `${library}-core on cdp-native's transport`,
    role: 'adapter',
    section,
    servers: section === 'pipe' ? ['browser'] : BOTH,
    library,
    workloads,
  };
}

/** Whether `client` runs `workload` at all (regardless of whether it is available). */
function canRun(client, workload) {
  return client.servers.includes(workload.server) && (!client.workloads || client.workloads.includes(workload.name));
}

function findClient(name) {
  const client = CLIENTS.find((c) => c.name === name);
  if (!client) throw new Error(`unknown client ${JSON.stringify(name)}; known: ${CLIENTS.map((c) => c.name).join(', ')}`);
  return client;
}

/** The module of a JS client: `open(endpoint, server)` → a connection (see cdp-native.js). */
function loadClient(client) {
  if (client.rust) throw new Error(`${client.name} is a Rust program, not a JS module`);
  return require(`./${client.name}`);
}

/** true, or the sentence saying why `client` cannot run in this checkout. */
function availability(client) {
  if (client.rust) return true;
  const { available } = loadClient(client);
  return available ? available() : true;
}

module.exports = { SECTIONS, CLIENTS, canRun, findClient, loadClient, availability };
