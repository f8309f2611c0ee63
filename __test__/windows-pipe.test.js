'use strict';
// On Windows launch() over a pipe rejects, telling the user to pass transport: 'websocket',
// before anything is spawned. Windows is simulated: a child process loads cdp-native, then
// reports process.platform as 'win32' (the Windows build itself cannot be made here).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** Runs launch(options) in a child that says it is on Windows; resolves with the rejection's message. */
function launchAsIfOnWindows(options) {
  const script = `
    const { launch } = require(${JSON.stringify(ROOT)});
    Object.defineProperty(process, 'platform', { value: 'win32' });
    launch(${JSON.stringify(options)}).then(
      (browser) => { console.log('launched'); return browser.close(); },
      (error) => console.log(error.message.split('\\n')[0]),
    );`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 30000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout.trim());
    });
  });
}

const REFUSAL = "launch(): the pipe transport is not available on Windows; pass transport: 'websocket'";

test('launch() over a pipe, the default, rejects on Windows saying to use the WebSocket', async () => {
  assert.equal(await launchAsIfOnWindows({}), REFUSAL);
  assert.equal(await launchAsIfOnWindows({ transport: 'pipe' }), REFUSAL);
});

test('launch() over a WebSocket is not refused on Windows', async () => {
  const missing = path.join(ROOT, 'no-such-browser');
  const message = await launchAsIfOnWindows({ transport: 'websocket', executablePath: missing });
  assert.match(message, new RegExp(`^Failed to launch ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
});
