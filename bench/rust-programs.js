'use strict';
// The bench's two Rust programs, cargo examples of this crate: the mock CDP server and the
// no-JS ceiling client. Built in release mode before a run (quick when nothing changed).

const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const EXAMPLES = path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'release', 'examples');
const MOCK_SERVER = path.join(EXAMPLES, 'bench-mock-server');
const CEILING = path.join(EXAMPLES, 'bench-ceiling');

/** Builds both programs; cargo's progress goes to stderr. Throws if the build fails. */
function buildRustPrograms() {
  const args = ['build', '--release', '--example', 'bench-mock-server', '--example', 'bench-ceiling'];
  const { status, error } = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (error || status !== 0) throw new Error(`cargo ${args.join(' ')} failed${error ? `: ${error.message}` : ''}`);
}

module.exports = { buildRustPrograms, MOCK_SERVER, CEILING };
