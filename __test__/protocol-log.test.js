'use strict';
// DEBUG=cdp-native:protocol prints each message sent and received, shortened when long;
// without it nothing is printed. Runs __test__/fixtures/protocol-log.js in a child process.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { TRANSPORTS } = require('./helpers');

const FIXTURE = path.join(__dirname, 'fixtures', 'protocol-log.js');

function runWith(debug, transport) {
  const env = { ...process.env };
  delete env.DEBUG;
  delete env.DEBUG_COLORS;
  if (debug !== undefined) env.DEBUG = debug;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [FIXTURE, transport], { env, timeout: 20000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr.slice(0, 2000)}`));
      else resolve({ stdout, stderr });
    });
  });
}

for (const transport of TRANSPORTS) {
  describe(`protocol log over ${transport}`, () => {
    // One logged run serves the first two tests.
    let logged;
    const loggedRun = () => (logged ??= runWith('cdp-native:protocol', transport));

    test('DEBUG=cdp-native:protocol prints SEND and RECV lines with the method', async () => {
      const { stdout, stderr } = await loggedRun();
      assert.equal(stdout, 'done\n');
      const lines = stderr.split('\n').filter(Boolean);
      const sent = lines.filter((l) => l.includes('SEND'));
      const received = lines.filter((l) => l.includes('RECV'));
      assert.ok(sent.length >= 5, `only ${sent.length} SEND lines:\n${stderr.slice(0, 3000)}`);
      assert.ok(received.length >= 5, `only ${received.length} RECV lines`);
      for (const line of [...sent, ...received]) assert.match(line, /cdp-native:protocol/);

      // Commands sent, with their method.
      assert.ok(
        sent.some((l) => l.includes('"method":"Runtime.evaluate"') && l.includes('short-marker-')),
        'no SEND of the evaluate',
      );
      assert.ok(sent.some((l) => l.includes('"method":"Target.createTarget"')));
      assert.ok(sent.some((l) => l.includes('"method":"Browser.close"')));
      // Replies and events received: an event with its method, and the evaluate's result.
      assert.ok(
        received.some((l) => l.includes('"method":"Target.attachedToTarget"')),
        'no RECV of an event',
      );
      assert.ok(
        received.some((l) => l.includes('short-marker-1')),
        'no RECV of the evaluate result',
      );
      // Both directions of the session carry its sessionId.
      assert.ok(sent.some((l) => l.includes('"sessionId"')));
    });

    test('long payloads are shortened', async () => {
      const { stderr } = await loggedRun();
      const lines = stderr.split('\n').filter(Boolean);
      const longSend = lines.find((l) => l.includes('SEND') && l.includes('LLLLLLLLLL'));
      assert.ok(longSend, 'no SEND line of the long command');
      assert.ok(longSend.length < 5000, `a SEND line of ${longSend.length} characters was not shortened`);
      assert.ok(!longSend.includes('-long-marker'), 'the end of the long payload was printed');
      assert.match(longSend, /more characters|…|\.\.\./);
      const longRecv = lines.find((l) => l.includes('RECV') && l.includes('RRRRRRRRRR'));
      assert.ok(longRecv, 'no RECV line of the long result');
      assert.ok(longRecv.length < 5000, `a RECV line of ${longRecv.length} characters was not shortened`);
      assert.ok(lines.every((l) => l.length < 5000));
    });

    test('without DEBUG nothing is printed', async () => {
      const { stdout, stderr } = await runWith(undefined, transport);
      assert.equal(stdout, 'done\n');
      assert.equal(stderr, '');
    });

    test('another DEBUG namespace prints nothing of the protocol', async () => {
      const { stdout, stderr } = await runWith('something-else:*', transport);
      assert.equal(stdout, 'done\n');
      assert.doesNotMatch(stderr, /SEND|RECV|cdp-native/);
    });
  });
}
