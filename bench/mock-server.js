'use strict';
// Starts the Rust mock CDP server (bench/rust/mock_server.rs) for M1 and M2. It prints its
// port on stdout and exits when its stdin closes, so it cannot outlive the bench.

const { spawn } = require('node:child_process');
const readline = require('node:readline');
const { MOCK_SERVER } = require('./rust-programs');
const { onExit, killQuietly } = require('./exit-hooks');

/** Resolves with `{ wsEndpoint, pid, stop() }` once the server listens. */
async function startMockServer() {
  const child = spawn(MOCK_SERVER, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const hook = onExit(() => killQuietly(child.pid));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.stdin.end();
    killQuietly(child.pid, 'SIGTERM');
    await exited;
    hook.forget();
  };
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('error', reject);
      exited.then((code) => reject(new Error(`it exited (${code}) before printing its port`)));
      readline.createInterface({ input: child.stdout }).once('line', (line) => resolve(Number(line)));
    });
    // Any path is accepted; this one looks like Chromium's, which cdp-native's connect() expects.
    return { wsEndpoint: `ws://127.0.0.1:${port}/devtools/browser/mock`, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw new Error(`the mock server (${MOCK_SERVER}) did not start: ${error.message}`);
  }
}

module.exports = { startMockServer };
