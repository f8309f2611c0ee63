'use strict';
// The command against endpoints that are not a browser's: Node's inspector by its ws URL and
// by --port (send, --events, list, repl), and one page's /devtools/page/<id> WebSocket of a real
// Chromium (send, --url). The command goes to the endpoint's root session (connectTarget())
// and leaves the target running; --browser and a --target with a ws URL are refused clearly.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { launch } = require('..');
const { spawnSync } = require('node:child_process');
const { BIN, ENV, assertFailure, cli, jsonOf, linesOf } = require('./cli-helpers');
const { startInspected } = require('./fixtures/node-inspector');

describe("the command on Node's inspector", () => {
  test('--endpoint <ws URL> Runtime.evaluate runs in the inspected process, which runs on', async (t) => {
    const inspected = await startInspected(t);
    const result = jsonOf(
      await cli(['--endpoint', inspected.wsUrl, 'Runtime.evaluate', '{"expression":"process.pid","returnByValue":true}']),
    );
    assert.equal(result.result.value, inspected.child.pid);
    assert.equal(inspected.child.exitCode, null, 'the inspected process exited');
  });

  test('--port <port>: send, list and --events', async (t) => {
    const inspected = await startInspected(t);
    const port = new URL(inspected.origin).port;
    const evaluated = jsonOf(await cli(['--port', port, 'Runtime.evaluate', '{"expression":"6 * 7"}']));
    assert.equal(evaluated.result.value, 42);
    const list = jsonOf(await cli(['--port', port, 'list']));
    assert.equal(list.length, 1);
    assert.equal(list[0].type, 'node');
    assert.equal(list[0].webSocketDebuggerUrl, inspected.wsUrl);
    // Debugger.enable announces the scripts already loaded.
    const lines = linesOf(await cli(['--port', port, '--events', 'Debugger.scriptParsed', '--duration', '300']));
    assert.ok(lines.length > 0, 'no Debugger.scriptParsed line');
    assert.ok(lines.every((line) => line.method === 'Debugger.scriptParsed'));
    assert.ok(lines.some((line) => line.params.url.startsWith('node:')));
  });

  test('repl on its root session: the domains are in scope, the welcome names the endpoint', async (t) => {
    const inspected = await startInspected(t);
    const run = spawnSync(process.execPath, [BIN, '--endpoint', inspected.wsUrl, 'repl'], {
      input: '(await Runtime.evaluate({ expression: "process.pid" })).result.value\nString(session.browser)\n.exit\n',
      encoding: 'utf8',
      env: ENV,
      timeout: 30000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.includes(String(inspected.child.pid)), run.stdout);
    assert.ok(run.stdout.includes("'null'"), run.stdout);
    assert.ok(run.stderr.startsWith(`cdp-native repl on ${inspected.wsUrl}:`), run.stderr);
    assert.equal(inspected.child.exitCode, null, 'the inspected process exited');
  });

  test('--browser and a --target with a ws URL are refused, naming why', async (t) => {
    const inspected = await startInspected(t);
    assertFailure(
      await cli(['--endpoint', inspected.wsUrl, '--browser', 'Runtime.evaluate', '{"expression":"1"}']),
      1,
      /--browser needs a browser's endpoint/,
    );
    assertFailure(
      await cli(['--endpoint', inspected.wsUrl, '--target', 'x', 'Runtime.evaluate', '{"expression":"1"}']),
      1,
      /--target picks from the \/json\/list/,
    );
  });
});

describe("the command on one page's endpoint", () => {
  let browser;
  before(async () => {
    browser = await launch({ transport: 'websocket' });
  });
  after(() => browser?.close());

  test('--endpoint ws://…/devtools/page/<id>: send, and --url navigates that page', async (t) => {
    const page = await browser.newPage('data:text/html,<title>before</title>');
    t.after(() => page.send('Page.close').catch(() => {}));
    const wsUrl = `ws://${new URL(browser.wsEndpoint).host}/devtools/page/${page.targetId}`;
    const title = jsonOf(await cli(['--endpoint', wsUrl, 'Runtime.evaluate', '{"expression":"document.title"}']));
    assert.equal(title.result.value, 'before');
    const after = jsonOf(
      await cli([
        '--endpoint',
        wsUrl,
        '--url',
        'data:text/html,<title>after</title>',
        'Runtime.evaluate',
        '{"expression":"document.title"}',
      ]),
    );
    assert.equal(after.result.value, 'after');
    // The same page, still open: the command opened no page of its own.
    assert.equal((await page.send('Runtime.evaluate', { expression: 'document.title' })).result.value, 'after');
  });
});
