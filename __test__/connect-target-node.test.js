'use strict';
// connectTarget() to a real Node inspector (`node --inspect=127.0.0.1:0`), which has no
// Target domain: by its ws URL and by its http origin (/json/list), Runtime, Debugger and
// Profiler over the root session, detach(), timeouts, and the inspected process dying
// mid-call: pending calls reject with connection-lost, 'detached' fires once, and a script
// exits by itself. (Node's own process.exit() waits for an attached debugger to go.)

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { connect, connectTarget, CDPSession, TargetClosedError, TimeoutError } = require('..');
const { NEVER, rejectionOf, settledWithin } = require('./helpers');
const { startInspected } = require('./fixtures/node-inspector');

/** Slack for what settles at once on an idle machine. */
const SETTLE_MS = 20000;

/** connectTarget(), detached when the test ends. */
async function connectFor(t, endpoint) {
  const session = await connectTarget(endpoint);
  t.after(() => session.detach());
  return session;
}

/** Runs `script` in a child Node with the package at `PKG`; resolves with its stdout once it exits by itself. */
function runScript(script, args) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script, ...args],
      { timeout: SETTLE_MS, env: { ...process.env, PKG: path.join(__dirname, '..') } },
      (error, out, err) => (error ? reject(new Error(`${error.message}\nstdout: ${out}\nstderr: ${err}`)) : resolve(out)),
    );
  });
}

describe('connectTarget() to Node’s inspector', () => {
  test('by its ws URL: Runtime.evaluate runs in the inspected process', async (t) => {
    const inspected = await startInspected(t);
    const session = await connectFor(t, inspected.wsUrl);
    assert.ok(session instanceof CDPSession);
    assert.equal(session.id, undefined, 'the root session has no sessionId');
    assert.equal(session.browser, null);
    const { result } = await session.send('Runtime.evaluate', { expression: '6 * 7 + process.pid', returnByValue: true });
    assert.equal(result.value, 42 + inspected.child.pid);
  });

  test('by its http origin: the target of /json/list, its id as targetId', async (t) => {
    const inspected = await startInspected(t);
    const list = await (await fetch(`${inspected.origin}/json/list`)).json();
    assert.equal(list.length, 1);
    const session = await connectFor(t, inspected.origin);
    assert.equal(session.targetId, list[0].id);
    const { result } = await session.api.Runtime.evaluate({ expression: 'process.pid', returnByValue: true });
    assert.equal(result.value, inspected.child.pid);
    // Picked by id, the same target.
    const byId = await connectFor(t, { endpoint: inspected.origin, target: list[0].id });
    assert.equal(
      (await byId.send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true })).result.value,
      inspected.child.pid,
    );
  });

  test('Debugger.enable announces the scripts with Debugger.scriptParsed, one evaluated later too', async (t) => {
    const inspected = await startInspected(t);
    const session = await connectFor(t, inspected.wsUrl);
    const parsed = [];
    session.on('Debugger.scriptParsed', (params) => parsed.push(params));
    const caught = [];
    session.on('event', ({ method }) => caught.push(method));
    await session.send('Debugger.enable');
    assert.ok(parsed.length > 0, 'no Debugger.scriptParsed for the scripts already loaded');
    assert.ok(
      parsed.some((script) => /^node:/.test(script.url)),
      `no node: built-in among ${parsed.length} scripts`,
    );
    const probe = session.waitForEvent('Debugger.scriptParsed', { predicate: ({ url }) => url === 'probe.js', timeout: SETTLE_MS });
    await session.send('Runtime.evaluate', { expression: 'function probe() { return 1 }\n//# sourceURL=probe.js' });
    const script = await probe;
    assert.equal(script.url, 'probe.js');
    const { scriptSource } = await session.send('Debugger.getScriptSource', { scriptId: script.scriptId });
    assert.match(scriptSource, /function probe\(\)/);
    assert.ok(caught.includes('Debugger.scriptParsed'), "the catch-all 'event' saw no Debugger.scriptParsed");
  });

  test('Profiler.start/stop return a CPU profile of what ran meanwhile', async (t) => {
    const inspected = await startInspected(t);
    const session = await connectFor(t, inspected.wsUrl);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
    await session.send('Runtime.evaluate', {
      expression:
        'function spin() { let x = 0; const end = Date.now() + 200; while (Date.now() < end) x += Math.sqrt(x + 1); return x } spin()',
    });
    const { profile } = await session.send('Profiler.stop');
    assert.ok(Array.isArray(profile.nodes) && profile.nodes.length > 1, 'the profile has no nodes');
    assert.ok(profile.endTime > profile.startTime);
    assert.ok(profile.samples.length > 0, 'the profile has no samples');
    assert.ok(
      profile.nodes.some((node) => node.callFrame.functionName === 'spin'),
      'the function that ran is not in the profile',
    );
  });

  test('a call timeout rejects that call only; the session stays usable', async (t) => {
    const inspected = await startInspected(t);
    const session = await connectFor(t, inspected.wsUrl);
    const error = await rejectionOf(session.send('Runtime.evaluate', NEVER, { timeout: 200 }));
    assert.ok(error instanceof TimeoutError, error.stack);
    assert.equal(error.method, 'Runtime.evaluate');
    const aborted = await rejectionOf(session.send('Runtime.evaluate', NEVER, { signal: AbortSignal.abort() }));
    assert.equal(aborted.name, 'AbortError');
    assert.equal((await session.send('Runtime.evaluate', { expression: '1 + 1' })).result.value, 2);
  });

  test("detach() closes the connection: 'detached' once with code detach, later sends reject, the process runs on", async (t) => {
    const inspected = await startInspected(t);
    const session = await connectTarget(inspected.wsUrl);
    const ends = [];
    session.on('detached', (info) => ends.push(info));
    await session.detach();
    await session.detach();
    assert.deepEqual(
      ends.map((info) => info.code),
      ['detach'],
    );
    const error = await rejectionOf(session.send('Runtime.evaluate', { expression: '1' }));
    assert.ok(error instanceof TargetClosedError);
    assert.equal(error.code, 'detach');
    assert.equal(inspected.child.exitCode, null, 'the inspected process exited');
    // The inspector takes a client again.
    const again = await connectFor(t, inspected.wsUrl);
    assert.equal((await again.send('Runtime.evaluate', { expression: '2' })).result.value, 2);
  });

  test('the inspected process dies mid-call: pending calls reject with connection-lost, detached fires once', async (t) => {
    const inspected = await startInspected(t);
    const session = await connectTarget(inspected.wsUrl);
    const ends = [];
    session.on('detached', (info) => ends.push(info));
    const pending = [session.send('Runtime.evaluate', NEVER), session.api.Runtime.evaluate(NEVER, { timeout: 0 })];
    await session.send('Runtime.evaluate', { expression: '1' });
    // Killed, as an OOM kill would: an exit of its own (process.exit(), even process.kill() of
    // itself) waits for the debugger instead (the next test).
    process.kill(inspected.child.pid, 'SIGKILL');
    const errors = await Promise.all(pending.map(rejectionOf));
    for (const error of errors) {
      assert.ok(error instanceof TargetClosedError, error.stack);
      assert.equal(error.code, 'connection-lost');
      assert.equal(error.method, 'Runtime.evaluate');
    }
    assert.equal((await inspected.exited).signal, 'SIGKILL');
    assert.deepEqual(
      ends.map((info) => info.code),
      ['connection-lost'],
    );
    assert.match(ends[0].reason, /WebSocket/);
    const late = await rejectionOf(session.send('Runtime.evaluate', { expression: '1' }));
    assert.equal(late.code, 'connection-lost');
    await session.detach();
  });

  test('process.exit() in the inspected process waits for the debugger; detach() lets it exit with its code', async (t) => {
    const inspected = await startInspected(t);
    const session = await connectTarget(inspected.wsUrl);
    const destroyed = session.waitForEvent('Runtime.executionContextDestroyed', { timeout: SETTLE_MS });
    await session.send('Runtime.enable');
    const pending = session.send('Runtime.evaluate', NEVER);
    await session.send('Runtime.evaluate', { expression: 'setTimeout(() => process.exit(3), 50), 0' });
    await destroyed;
    // Node answers what was pending: its context is gone, its socket is not.
    const error = await rejectionOf(pending);
    assert.equal(error.name, 'ProtocolError', error.stack);
    assert.match(error.message, /Execution context was destroyed/);
    assert.equal(await settledWithin(inspected.exited, 300), 'pending', 'the process exited while a debugger was attached');
    await session.detach();
    assert.equal((await inspected.exited).code, 3);
  });

  test('a script exits by itself, after detach() and after the inspected process is gone', async (t) => {
    const kept = await startInspected(t);
    const dying = await startInspected(t);
    const script = `
      const { connectTarget } = require(process.env.PKG);
      (async () => {
        const kept = await connectTarget(process.argv[1]);
        console.log((await kept.send('Runtime.evaluate', { expression: '40 + 2' })).result.value);
        await kept.detach();
        const dying = await connectTarget(process.argv[2]);
        dying.on('detached', ({ code }) => console.log(code));
        await dying.send('Runtime.evaluate', { expression: '1' });
        process.kill(Number(process.argv[3]), 'SIGKILL');
      })();`;
    const stdout = await runScript(script, [kept.wsUrl, dying.origin, String(dying.child.pid)]);
    assert.deepEqual(stdout.trim().split('\n'), ['42', 'connection-lost']);
  });

  test('connect() to it fails, naming connectTarget(), by ws URL and by http origin', async (t) => {
    const inspected = await startInspected(t);
    for (const endpoint of [inspected.wsUrl, inspected.origin]) {
      const error = await rejectionOf(connect(endpoint));
      assert.ok(error.message.includes(endpoint), error.message);
      assert.match(error.message, /not a browser's endpoint/);
      assert.match(error.message, /connectTarget\(\)/);
    }
    const outcome = await settledWithin(connectFor(t, inspected.wsUrl), SETTLE_MS);
    assert.ok(outcome.value, 'connectTarget() did not connect after the failed connect()');
  });
});
