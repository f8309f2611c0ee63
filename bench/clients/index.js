'use strict';
// The clients the bench compares. Each JS client is a module in this folder whose `open()`
// gives the same small interface (see cdp-native.js); the Rust ceiling is a cargo example.

/**
 * role: 'ours' (cdp-native), 'peer' (what cdp-native is compared with), 'ceiling' (Rust, no JS).
 * servers: which workloads it can run: 'browser' (W1–W5, the shared Chromium), 'mock' (M1, M2).
 * ownBrowser: it launches its own Chromium, so it gets no endpoint.
 */
const CLIENTS = [
  { name: 'cdp-native', label: 'cdp-native (WebSocket)', role: 'ours', servers: ['browser', 'mock'] },
  // A pipe cannot reach the mock server, which listens on a socket.
  { name: 'cdp-native-pipe', label: 'cdp-native (pipe)', role: 'ours', servers: ['browser'], ownBrowser: true },
  { name: 'chrome-remote-interface', label: 'chrome-remote-interface', role: 'peer', servers: ['browser', 'mock'] },
  { name: 'puppeteer-core', label: 'puppeteer-core', role: 'peer', servers: ['browser', 'mock'] },
  // Playwright's connectOverCDP needs a real browser behind the endpoint.
  { name: 'playwright-core', label: 'playwright-core', role: 'peer', servers: ['browser'] },
  { name: 'ws', label: 'bare ws client', role: 'peer', servers: ['browser', 'mock'] },
  { name: 'rust-ceiling', label: 'Rust, no JS (ceiling)', role: 'ceiling', servers: ['browser', 'mock'], rust: true },
];

function findClient(name) {
  const client = CLIENTS.find((c) => c.name === name);
  if (!client) throw new Error(`unknown client ${JSON.stringify(name)}; known: ${CLIENTS.map((c) => c.name).join(', ')}`);
  return client;
}

/** The module of a JS client: `open(endpoint)` → a connection (see cdp-native.js). */
function loadClient(client) {
  if (client.rust) throw new Error(`${client.name} is a Rust program, not a JS module`);
  return require(`./${client.name}`);
}

module.exports = { CLIENTS, findClient, loadClient };
