'use strict';
// A browser that stops reading while we send 100 MiB: the sends time out with a TimeoutError
// naming the method, the memory this takes stays bounded (it does not grow with what is sent),
// the session works again once the browser reads again, and the process exits by itself.
// Runs __test__/fixtures/stalled-peer.js in a child process, where memory can be measured
// alone, against a fake browser over each transport that really stops reading (the WebSocket
// server pauses its TCP socket; the pipe fake stops reading its pipe).

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { TRANSPORTS } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'stalled-peer.js');
/**
 * The most the stall may add to the peak RSS, while 100 MiB is sent: room for a bounded
 * outgoing queue, the kernel's socket buffers and a few 1 MiB commands in flight in V8, but
 * well under the 100 MiB that an unbounded queue keeps.
 */
const MAX_PEAK_GROWTH_MIB = 64;

function runStall(transport) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', FIXTURE, transport],
      { timeout: 120000, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the stall script failed: ${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
        else resolve({ result: JSON.parse(stdout), stderr });
      },
    );
  });
}

for (const transport of TRANSPORTS) {
  describe(`a browser that stops reading, over ${transport}`, () => {
    test('100 MiB of sends time out naming the method, memory stays bounded, the session recovers', async (t) => {
      const started = Date.now();
      const { result, stderr } = await runStall(transport);
      t.diagnostic(JSON.stringify(result));
      assert.equal(stderr, '');
      assert.ok(result.sentMiB >= 99.9, `only ${result.sentMiB} MiB sent`);
      // Every send timed out, each with a TimeoutError that names its method and timeout.
      assert.deepEqual(result.outcomes, { resolved: 0, errors: { 'TimeoutError|Stall.bigCommand|150|true': 100 } });
      assert.ok(
        result.peakGrowthMiB < MAX_PEAK_GROWTH_MIB,
        `the peak RSS grew by ${result.peakGrowthMiB.toFixed(1)} MiB while 100 MiB was sent to a browser that does not read (bound: ${MAX_PEAK_GROWTH_MIB} MiB)`,
      );
      // Once the browser reads again, a new command is answered.
      assert.deepEqual(result.usableAfter, {});
      assert.equal(result.connectedAfterClose, false);
      // execFile returned: the script exited by itself once its work was done.
      assert.ok(Date.now() - started < 120000);
    });
  });
}
