'use strict';
// The `cdp-native` command, run as a child process: a command sent on a launched browser
// (page, --browser, --url), --events (with --duration, with a command), a running
// Chromium started here with --remote-debugging-port=0 (--endpoint, --host/--port, --target,
// list, version, new, close), the repl driven through stdin, --help, and the failures: their
// exit code, one line on stderr and nothing on stdout.

const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { closedPort, isAlive, NEVER, patient, sleep } = require('./helpers');
const { completeProtocol } = require('../lib/cli/completion');
const { BIN, ENV, ROOT, assertFailure, cli, jsonOf, linesOf } = require('./cli-helpers');

const HEX_ID = /^[0-9A-F]{32}$/;

describe('send on a launched browser', () => {
  test('Browser.getVersion prints the version JSON', async () => {
    const version = jsonOf(await cli(['Browser.getVersion']));
    assert.equal(version.protocolVersion, '1.3');
    assert.match(version.product, /Chrome\/\d+/);
    assert.match(version.userAgent, /HeadlessChrome/);
  });

  test('Page.navigate with JSON params prints a frameId', async () => {
    const run = await cli(['Page.navigate', '{"url":"data:text/html,hi"}']);
    const result = jsonOf(run);
    assert.match(result.frameId, HEX_ID);
    assert.match(result.loaderId, HEX_ID);
    // Indented JSON, as documented.
    assert.match(run.stdout, /^\{\n {2}"frameId": /);
  });

  test('without --browser the command goes to a page, with it to the browser target', async () => {
    const [onPage, onBrowser] = await Promise.all([cli(['Target.getTargetInfo']), cli(['--browser', 'Target.getTargetInfo'])]);
    assert.equal(jsonOf(onPage).targetInfo.type, 'page');
    assert.equal(jsonOf(onBrowser).targetInfo.type, 'browser');
  });

  test('--url navigates first and waits for the load event', async () => {
    // The title is set by the load handler: it reads 'loaded' only once the load has happened.
    const page = `data:text/html,<title>before</title><script>addEventListener('load', () => { document.title = 'loaded' })</script>`;
    const params = JSON.stringify({ expression: "document.title + ' ' + location.protocol", returnByValue: true });
    const result = jsonOf(await cli(['--url', page, 'Runtime.evaluate', params]));
    assert.equal(result.result.value, 'loaded data:');
  });

  test('no Chromium found: exit 1 and one line naming the problem', async () => {
    const env = { ...ENV, PATH: path.join(os.tmpdir(), 'cdp-native-no-such-dir') };
    delete env.CHROME_PATH;
    assertFailure(await cli(['Browser.getVersion'], { env }), 1, /No Chromium found/);
  });
});

describe('--events', () => {
  test('--url that logs, with --duration: the events as NDJSON, only those asked for', async () => {
    const page = `data:text/html,<script>console.log('hi'); console.warn('there')</script>`;
    const run = await cli(['--events', 'Runtime.consoleAPICalled,Page.loadEventFired', '--url', page, '--duration', '200']);
    const lines = linesOf(run);
    assert.equal(run.stderr, '');
    // The load event is not replayed by Page.enable: it is seen only if listening began before
    // the navigation (console messages would be, by Runtime.enable).
    assert.deepEqual(
      lines.map((l) => l.method),
      ['Runtime.consoleAPICalled', 'Runtime.consoleAPICalled', 'Page.loadEventFired'],
    );
    assert.deepEqual(
      lines.slice(0, 2).map((l) => [l.params.type, l.params.args[0].value]),
      [
        ['log', 'hi'],
        ['warning', 'there'],
      ],
    );
    for (const line of lines) assert.match(line.sessionId, HEX_ID);
  });

  test('Domain.* with a command: events in arrival order, then the result line; unknown names warn', async () => {
    const page = `data:text/html,<script>console.log('early')</script>`;
    const run = await cli([
      '--events',
      'Runtime.*,Page.noSuchEvent',
      '--url',
      page,
      'Runtime.evaluate',
      '{"expression":"console.log(\'late\'), 6 * 7"}',
      '--duration',
      '200',
    ]);
    const lines = linesOf(run);
    assert.match(run.stderr, /^cdp-native: warning: Page\.noSuchEvent is not an event of the pinned protocol/);
    const logged = (value) => lines.findIndex((l) => l.method === 'Runtime.consoleAPICalled' && l.params.args[0].value === value);
    const resultAt = lines.findIndex((l) => 'result' in l);
    assert.ok(logged('early') >= 0 && logged('late') >= 0 && resultAt >= 0, run.stdout);
    // The page's log comes with the load, before the command; the command's own log before its reply.
    assert.ok(logged('early') < logged('late') && logged('late') < resultAt, run.stdout);
    assert.deepEqual(lines[resultAt], {
      command: 'Runtime.evaluate',
      result: { result: { type: 'number', value: 42, description: '42' } },
    });
    // Runtime.* streams other Runtime events too (the page's execution context).
    assert.ok(lines.some((l) => l.method === 'Runtime.executionContextCreated'));
    assert.ok(
      lines.every((l) => 'result' in l || l.method.startsWith('Runtime.')),
      run.stdout,
    );
  });

  test('--browser with Target events: discovery is turned on, as Target has no enable', async () => {
    const run = await cli([
      '--browser',
      '--events',
      'Target.targetCreated',
      'Target.createTarget',
      '{"url":"about:blank#cli-test"}',
      '--duration',
      '300',
    ]);
    const lines = linesOf(run);
    const { targetId } = lines.find((l) => 'result' in l).result;
    assert.ok(
      lines.some((l) => l.method === 'Target.targetCreated' && l.params.targetInfo.targetId === targetId),
      run.stdout,
    );
  });

  test('an enable the browser refuses is an error (Page on the browser session)', async () => {
    assertFailure(
      await cli(['--browser', '--events', 'Page.loadEventFired', '--duration', '100']),
      1,
      /could not enable Page: .*Page\.enable/,
    );
  });
});

describe('against a running Chromium (--remote-debugging-port=0)', () => {
  let chromium;
  let profile;
  let port;
  let origin;

  before(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-cli-test-'));
    chromium = spawn(
      process.env.CHROME_PATH ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      { stdio: 'ignore' },
    );
    const activePort = path.join(profile, 'DevToolsActivePort');
    const deadline = Date.now() + 20000;
    while (port === undefined && Date.now() < deadline) {
      try {
        const [first, second] = fs.readFileSync(activePort, 'utf8').split('\n');
        if (first && second) port = Number(first);
      } catch {
        await sleep(50);
      }
    }
    assert.ok(port > 0, 'Chromium did not write DevToolsActivePort within 20 s');
    origin = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    if (chromium?.pid !== undefined && isAlive(chromium.pid)) {
      // SIGTERM lets Chromium end its helper processes; SIGKILL only if it will not go.
      const exited = new Promise((resolve) => chromium.once('exit', resolve));
      process.kill(chromium.pid, 'SIGTERM');
      const timer = setTimeout(() => isAlive(chromium.pid) && process.kill(chromium.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Helpers may still be writing to the profile for a moment after the browser exits.
    for (let attempt = 0; profile && fs.existsSync(profile); attempt++) {
      try {
        fs.rmSync(profile, { recursive: true, force: true });
      } catch (error) {
        if (attempt >= 50) throw error;
        await sleep(100);
      }
    }
  });

  const list = async () => jsonOf(await cli(['--endpoint', origin, 'list']));

  test('list prints /json/list: the targets, with their WebSocket URLs', async () => {
    const targets = await list();
    assert.ok(Array.isArray(targets));
    const page = targets.find((t) => t.type === 'page');
    assert.ok(page, JSON.stringify(targets));
    assert.match(page.id, HEX_ID);
    assert.equal(page.webSocketDebuggerUrl, `ws://127.0.0.1:${port}/devtools/page/${page.id}`);
  });

  test('version prints /json/version, by --endpoint, by --host/--port and by ws:// URL', async () => {
    const version = jsonOf(await cli(['--endpoint', origin, 'version']));
    assert.match(version.Browser, /Chrome\/\d+/);
    assert.match(version.webSocketDebuggerUrl, new RegExp(`^ws://127\\.0\\.0\\.1:${port}/devtools/browser/`));
    // Chromium builds the WebSocket URL from the Host it was asked with.
    const byName = { ...version, webSocketDebuggerUrl: version.webSocketDebuggerUrl.replace('127.0.0.1', 'localhost') };
    assert.deepEqual(jsonOf(await cli(['--host', 'localhost', '--port', String(port), 'version'])), byName);
    assert.deepEqual(jsonOf(await cli(['--endpoint', version.webSocketDebuggerUrl, 'version'])), version);
  });

  test('new opens a tab that stays; close closes it; closing it again fails', async () => {
    const url = 'data:text/html,<title>made by new</title>';
    const info = jsonOf(await cli(['--port', String(port), 'new', url]));
    assert.match(info.targetId, HEX_ID);
    assert.equal(info.type, 'page');
    assert.equal(info.url, url);
    assert.ok(
      (await list()).some((t) => t.id === info.targetId),
      'the new tab is listed after the command exits',
    );

    assert.deepEqual(jsonOf(await cli(['--port', String(port), 'close', info.targetId])), { success: true });
    let listed = true;
    for (let i = 0; i < 40 && listed; i++) {
      listed = (await list()).some((t) => t.id === info.targetId);
      if (listed) await sleep(100);
    }
    assert.equal(listed, false, 'the closed tab is still listed');
    assertFailure(await cli(['--port', String(port), 'close', info.targetId]), 1, /Target\.closeTarget.*No target with given id found/);
  });

  test('a command on --endpoint runs on a page it opens and closes, and leaves the browser running', async () => {
    const before = (await list()).map((t) => t.id).sort();
    const result = jsonOf(await cli(['--endpoint', origin, 'Page.navigate', '{"url":"data:text/html,via endpoint"}']));
    assert.match(result.frameId, HEX_ID);
    assert.ok(!before.includes(result.frameId), 'a new page was used');
    let after = [];
    for (let i = 0; i < 40; i++) {
      after = (await list()).map((t) => t.id).sort();
      if (!after.includes(result.frameId)) break;
      await sleep(100);
    }
    assert.deepEqual(after, before, 'the page the command opened is closed');
    assert.ok(isAlive(chromium.pid));
  });

  test('--target attaches to an existing page and leaves it open', async () => {
    const { targetId } = jsonOf(await cli(['--port', String(port), 'new']));
    // --url makes the command wait for the load, so the title is there to read.
    const url = 'data:text/html,<title>the target</title>';
    const params = JSON.stringify({ expression: 'document.title', returnByValue: true });
    const result = jsonOf(await cli(['--endpoint', origin, '--target', targetId, '--url', url, 'Runtime.evaluate', params]));
    assert.equal(result.result.value, 'the target');
    const target = (await list()).find((t) => t.id === targetId);
    assert.equal(target?.url, url, 'the target the command worked on is still open');
    jsonOf(await cli(['--port', String(port), 'close', targetId]));
  });

  test('--browser over the browser WebSocket URL', async () => {
    const { webSocketDebuggerUrl } = jsonOf(await cli(['--endpoint', origin, 'version']));
    const result = jsonOf(await cli(['--endpoint', webSocketDebuggerUrl, '--browser', 'Target.getTargetInfo']));
    assert.equal(result.targetInfo.type, 'browser');
  });

  test('a protocol error: exit 1, the error on stderr, nothing on stdout', async () => {
    assertFailure(await cli(['--endpoint', origin, 'Page.navigate', '{}']), 1, /Protocol error \(Page\.navigate\): Invalid parameters/);
    // --force sends a method the pinned protocol does not know; the browser refuses it.
    assertFailure(
      await cli(['--endpoint', origin, '--force', 'Page.noSuchMethod']),
      1,
      /Protocol error \(Page\.noSuchMethod\): .*wasn't found/,
    );
    assertFailure(await cli(['--endpoint', origin, '--target', 'NOT-A-TARGET', 'Runtime.evaluate']), 1, /Target\.attachToTarget/);
  });

  test('--url whose navigation fails is an error', async () => {
    const port = await closedPort();
    assertFailure(
      await cli(['--endpoint', origin, '--url', `http://127.0.0.1:${port}/`, 'Runtime.evaluate', '{"expression":"1"}']),
      1,
      /--url http:\/\/127\.0\.0\.1:\d+\/: the navigation failed: net::ERR_CONNECTION_REFUSED/,
    );
  });

  test('--timeout: a command that takes longer fails naming the method and the limit', async () => {
    // Never answered: only --timeout can end it.
    const params = JSON.stringify(NEVER);
    const started = Date.now();
    const run = await cli(['--endpoint', origin, '--timeout', '1000', 'Runtime.evaluate', params]);
    assertFailure(run, 1, /Runtime\.evaluate timed out after 1000 ms \(raise --timeout/);
    assert.ok(Date.now() - started < patient(8000), 'it did not end at its --timeout');
  });

  test('repl on the endpoint: the page it opened is closed on .exit', async () => {
    const before = (await list()).map((t) => t.id).sort();
    const { output, code } = await driveRepl(
      ['--endpoint', origin, 'repl'],
      [["await Runtime.evaluate({ expression: 'location.href', returnByValue: true })", /about:blank/]],
    );
    assert.equal(code, 0, output);
    let after = [];
    for (let i = 0; i < 40; i++) {
      after = (await list()).map((t) => t.id).sort();
      if (after.length === before.length) break;
      await sleep(100);
    }
    assert.deepEqual(after, before);
  });
});

/**
 * Starts the repl, writes each line once the previous answer matched, then `.exit`.
 * Resolves with the whole stdout and the exit code.
 */
async function driveRepl(args, steps) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (pattern, from) => {
    const deadline = Date.now() + 20000;
    while (!pattern.test(output.slice(from)) && Date.now() < deadline) await sleep(25);
    assert.match(output.slice(from), pattern, `stderr: ${stderr}`);
  };
  try {
    await waitFor(/cdp> /, 0);
    for (const [line, answer] of steps) {
      const from = output.length;
      child.stdin.write(`${line}\n`);
      await waitFor(answer, from);
    }
    child.stdin.write('.exit\n');
    return { output, stderr, code: await exited };
  } finally {
    // A repl that failed the test still closes its browser on SIGTERM; SIGKILL would leak it.
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
}

describe('repl', () => {
  test('the domain helpers and top-level await work, .exit leaves with 0', async () => {
    const { output, stderr, code } = await driveRepl(
      ['repl'],
      [
        ["await Runtime.evaluate({ expression: '6*7' })", /value: 42/],
        // Page.navigate answers at commit: wait for the load event (the api's event shorthand).
        ["await Page.enable(); loaded = new Promise((resolve) => Page.loadEventFired(resolve)); 'enabled'", /'enabled'/],
        ["await Page.navigate({ url: 'data:text/html,<title>from repl</title>' }); await loaded; 'loaded'", /'loaded'/],
        ["(await session.send('Runtime.evaluate', { expression: 'document.title' })).result.value", /'from repl'/],
        ['typeof browser.newPage', /'function'/],
      ],
    );
    assert.equal(code, 0, output);
    assert.match(stderr, /^cdp-native repl on Chrome\/\d+/);
  });

  test('Tab completion of Domain.method from the pinned protocol', () => {
    assert.deepEqual(completeProtocol('Page.navigateTo'), [['Page.navigateToHistoryEntry'], 'Page.navigateTo']);
    const [names, partial] = completeProtocol('await Runtime.ev');
    assert.equal(partial, 'Runtime.ev');
    assert.deepEqual(names, ['Runtime.evaluate']);
    // Events too, for the Page.loadEventFired(fn) shorthand.
    assert.ok(completeProtocol('Page.load')[0].includes('Page.loadEventFired'));
    assert.ok(completeProtocol('Network.')[0].length > 20);
    // Not a domain: left to Node's own completer.
    assert.equal(completeProtocol('process.ver'), undefined);
    assert.equal(completeProtocol('Pag'), undefined);
  });
});

describe('--help and usage errors', () => {
  test('--help documents every form and flag, exit 0', async () => {
    const run = await cli(['--help']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    for (const word of [
      '<Domain.method>',
      'list',
      'version',
      'new [url]',
      'close <id>',
      'repl',
      '--endpoint',
      '--host',
      '--port',
      '--browser',
      '--target',
      '--url',
      '--events',
      '--duration',
      '--timeout',
      '--output',
      '--force',
      '--help',
      'CHROME_PATH',
    ]) {
      assert.ok(run.stdout.includes(word), `--help does not mention ${word}`);
    }
  });

  test('wrong command lines exit 2 with one line, before anything is launched', async () => {
    const cases = [
      [['Page.navigate', '{url:1}'], /json-params is not valid JSON/],
      [['Page.navigate', '[1]'], /json-params must be a JSON object/],
      [['--nope', 'Browser.getVersion'], /unknown flag --nope/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /nothing to do/],
      [['close'], /close <id>: the target id is missing/],
      [['list', '--events', 'Page.*'], /--events does not apply to 'list'/],
      [['--events', 'Page'], /--events: "Page" is not Domain\.event or Domain\.\*/],
      [['--duration', '100', 'Browser.getVersion'], /--duration applies only with --events/],
      [['--target', 'ABC', 'Browser.getVersion'], /--target needs --endpoint/],
      [['--browser', '--url', 'about:blank', 'Browser.getVersion'], /--url needs a page/],
      [['--timeout', 'soon', 'Browser.getVersion'], /--timeout must be a whole number/],
      [['--port', '70000', 'list'], /--port must be a port number/],
    ];
    // Each fails before launching anything; the kill only stops a run that hangs.
    const runs = await Promise.all(cases.map(([args]) => cli(args, { timeout: patient(10000) })));
    for (const [i, run] of runs.entries()) assertFailure(run, 2, cases[i][1]);
  });

  test('an unreachable endpoint: exit 1 naming it', async () => {
    const port = await closedPort();
    assertFailure(
      await cli(['--port', String(port), 'list']),
      1,
      new RegExp(`Cannot get http://127\\.0\\.0\\.1:${port}/json/list: .*ECONNREFUSED`),
    );
    assertFailure(
      await cli(['--endpoint', `http://127.0.0.1:${port}`, 'Browser.getVersion']),
      1,
      new RegExp(`Cannot connect to http://127\\.0\\.0\\.1:${port}`),
    );
  });
});
