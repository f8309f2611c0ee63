'use strict';
// The command line of `npm run bench`.

const { parseArgs } = require('node:util');
const { SECTIONS, CLIENTS } = require('./clients');
const { DEFAULT_NODE } = require('./node-runtime');
const { WORKLOADS } = require('./workloads');

const USAGE = `Usage: npm run bench -- [--quick] [--only NAMES] [--rounds N] [--node V] [--seed N] [--timeout S] [--no-build]

  --quick         a smoke run: one round, smaller workloads
  --only NAMES    comma-separated sections, clients and/or workloads, e.g. --only cdp-native,ws,M1
                  or --only pipe,W1 (a section's clients; with no client or section named, all)
                  sections:  ${SECTIONS.map((s) => s.name).join(', ')}
                  clients:   ${CLIENTS.map((c) => c.name).join(', ')}
                  workloads: ${WORKLOADS.map((w) => w.name).join(', ')}
  --rounds N      rounds of every (client, workload); default 3, or 1 with --quick
  --node V        the Node that runs the clients: a major (fetched once from the npm registry's
                  node-<os>-<cpu> package into bench/.cache/), or the path of a node binary;
                  default ${DEFAULT_NODE}
  --seed N        the seed of the run order (plan.js); default: a new one, printed
  --timeout S     seconds one run may take before it is killed and failed; default 180
  --breakdown     instead: where W1's round trip goes, cdp-native beside a bare ws client
                  (bench/breakdown.js), over --rounds interleaved processes
  --no-build      use the Rust programs as last built (target/release/examples), e.g. while
                  src/ is mid-change and does not compile
`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      seed: { type: 'string' },
      timeout: { type: 'string', default: '180' },
      node: { type: 'string', default: DEFAULT_NODE },
      'no-build': { type: 'boolean', default: false },
      breakdown: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const names = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const known = [...SECTIONS, ...CLIENTS, ...WORKLOADS].map((x) => x.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) throw new UsageError(`unknown name(s) in --only: ${unknown.join(', ')}`);
  const pickedClients = CLIENTS.filter((c) => names.includes(c.name) || names.includes(c.section));
  const pickedWorkloads = WORKLOADS.filter((w) => names.includes(w.name));
  const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
  const timeoutS = Number(values.timeout);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError('--rounds must be a whole number ≥ 1');
  if (!(timeoutS > 0)) throw new UsageError('--timeout must be a number of seconds > 0');
  return {
    quick: values.quick,
    breakdown: values.breakdown,
    build: !values['no-build'],
    rounds,
    seed,
    timeoutMs: timeoutS * 1000,
    node: values.node,
    clients: pickedClients.length ? pickedClients : CLIENTS,
    workloads: pickedWorkloads.length ? pickedWorkloads : WORKLOADS,
  };
}

class UsageError extends Error {
  name = 'UsageError';
  usage = USAGE;
}

module.exports = { parseOptions, UsageError };
