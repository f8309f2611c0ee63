'use strict';
// Runs one (client, workload) in this process and reports the measurement.
//
// run.js forks it with an endpoint and reads the result over IPC. Run by hand (to profile
// one client on one workload), it starts the Chromium or mock server it needs itself:
//   node --cpu-prof bench/runner.js --client cdp-native --workload M1 [--quick]
// Options: --client NAME --workload W1..M2 [--endpoint URL] [--params JSON] [--quick]

const { parseArgs } = require('node:util');
const { findClient, loadClient, availability } = require('./clients');
const { findWorkload, figureOf, paramsFor } = require('./workloads');

const { values: args } = parseArgs({
  options: {
    client: { type: 'string' },
    workload: { type: 'string' },
    endpoint: { type: 'string' },
    params: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});

async function main() {
  const client = findClient(args.client);
  const workload = findWorkload(args.workload);
  if (client.rust) throw new Error(`${client.name} is the Rust program bench-ceiling; run it directly (see bench/README.md)`);
  // By hand, any workload on the client's servers: `workloads` is what the bench plans.
  if (!client.servers.includes(workload.server)) throw new Error(`${client.name} cannot run ${workload.name}`);
  const available = availability(client);
  if (available !== true) throw new Error(`${client.name} is not available: ${available}`);
  const params = args.params ? JSON.parse(args.params) : paramsFor(workload, client, args.quick);

  let server;
  let endpoint = args.endpoint;
  if (endpoint === undefined && client.section !== 'pipe') {
    server = await startServer(workload.server);
    endpoint = server.wsEndpoint;
  }
  try {
    const connection = await loadClient(client).open(endpoint, workload.server);
    let measurement;
    try {
      // The bench reads what this process started (a browser) now and after the workload.
      await letTheBenchLook('connected');
      measurement = await workload.run(connection, params);
      // How long a pipe client waited for its new browser to go quiet (clients/own-browser.js).
      if (connection.settleMs !== undefined) measurement.settleMs = connection.settleMs;
      await letTheBenchLook('measured');
    } finally {
      await connection.close();
    }
    // The peak over the whole process, from its start: a fresh process per run makes it the run's.
    return { ...measurement, maxRssKiB: process.resourceUsage().maxRSS };
  } finally {
    await server?.stop();
  }
}

/**
 * Asks run.js to read which processes this one has started, and waits until it has, so that
 * its reading /proc is not timed. Run by hand, there is no one to ask.
 */
function letTheBenchLook(moment) {
  if (!process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (m) => {
      if (m?.looked !== moment) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send({ look: moment });
  });
}

async function startServer(kind) {
  if (kind === 'browser') return require('./browser').startBrowser();
  // The mock does not use the crate's code, so a build from before a change in src/ serves.
  const { buildRustPrograms, MOCK_SERVER } = require('./rust-programs');
  if (!require('node:fs').existsSync(MOCK_SERVER)) buildRustPrograms();
  return require('./mock-server').startMockServer();
}

function report(message, exitCode) {
  if (process.send) {
    process.send(message, () => process.exit(exitCode));
    return;
  }
  if (message.measurement) {
    const m = message.measurement;
    const workload = findWorkload(args.workload);
    const figure = figureOf(workload, m);
    const shown = workload.metric === 'rate' ? `${Math.round(figure)} ops/s` : `${figure.toFixed(1)} ms`;
    process.stdout.write(
      `${args.client} ${args.workload}: ${shown}, CPU ${(m.cpuMs / m.wallMs).toFixed(2)}, peak RSS ${(m.maxRssKiB / 1024).toFixed(0)} MiB\n`,
    );
    process.stdout.write(`${JSON.stringify(m)}\n`);
  } else {
    process.stderr.write(`${message.error.stack}\n`);
  }
  // Some clients leave timers or sockets behind; the run is over either way.
  process.exit(exitCode);
}

main().then(
  (measurement) => report({ measurement }, 0),
  (error) => report({ error: { name: error.name, message: error.message, stack: error.stack ?? String(error) } }, 1),
);
