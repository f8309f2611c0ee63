'use strict';
// The `cdp-native` command: a method the pinned protocol does not know is refused before
// anything is launched (--force sends it); --output writes a result's base64 field decoded;
// the repl's welcome comes before its first prompt.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN, ENV, ROOT, assertFailure, cli, jsonOf } = require('./cli-helpers');

/** An environment in which launching fails at once: a wrong command line must not get there. */
const NO_BROWSER = { ...ENV, CHROME_PATH: path.join(os.tmpdir(), 'cdp-native-test-no-such-browser') };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-cli-output-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the method is checked against the pinned protocol before launching', () => {
  test('a misspelt method: exit 2, naming the nearest command and --force, nothing launched', async () => {
    assertFailure(
      await cli(['Page.navigat', '{"url":"about:blank"}'], { env: NO_BROWSER }),
      2,
      /Page\.navigat is not a command of the pinned protocol \(devtools-protocol [\d.]+\); did you mean Page\.navigate\? Pass --force/,
    );
    assertFailure(await cli(['Pgae.enable'], { env: NO_BROWSER }), 2, /did you mean Page\.enable\?/);
    assertFailure(
      await cli(['Nothing.likeThis'], { env: NO_BROWSER }),
      2,
      /Nothing\.likeThis is not a command of the pinned protocol \(devtools-protocol [\d.]+\)\. Pass --force/,
    );
  });

  test('--force sends it: the browser is launched and answers for itself', async () => {
    // The launch is attempted (and fails here, on purpose): the check did not stop it.
    assertFailure(await cli(['--force', 'Page.navigat'], { env: NO_BROWSER }), 1, /cdp-native-test-no-such-browser/);
    assertFailure(await cli(['--force'], { env: NO_BROWSER }), 2, /nothing to do/);
    assertFailure(await cli(['--force', '--events', 'Page.*'], { env: NO_BROWSER }), 2, /--force applies only to a Domain\.method/);
  });
});

describe('--output FILE', () => {
  test('Page.captureScreenshot: the PNG is written decoded; the result says where and how big', async (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'shot.png');
    const result = jsonOf(
      await cli(['--url', 'data:text/html,<body style="background:rgb(255,0,0)">red</body>', 'Page.captureScreenshot', '--output', file]),
    );
    const bytes = fs.readFileSync(file);
    assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE);
    assert.deepEqual(result, { data: { file, bytes: bytes.length } });
    // The IHDR chunk: a real image of the default viewport, not a few bytes.
    assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
    assert.ok(bytes.readUInt32BE(16) > 100 && bytes.readUInt32BE(20) > 100, 'width and height');
  });

  test('Page.printToPDF with -o, a path relative to the working folder', async (t) => {
    const dir = tempDir(t);
    const result = jsonOf(await cli(['Page.printToPDF', '{"printBackground":true}', '-o', 'page.pdf'], { cwd: dir }));
    const bytes = fs.readFileSync(path.join(dir, 'page.pdf'));
    assert.equal(bytes.toString('latin1', 0, 5), '%PDF-');
    assert.equal(result.data.bytes, bytes.length);
    assert.equal(result.data.file, path.join(fs.realpathSync(dir), 'page.pdf'));
  });

  test('refused before launching: a method with no base64 result, with --events, an unwritable place', async (t) => {
    const dir = tempDir(t);
    assertFailure(
      await cli(['Browser.getVersion', '--output', path.join(dir, 'v.bin')], { env: NO_BROWSER }),
      2,
      /the result of Browser\.getVersion has no base64 field/,
    );
    assertFailure(
      await cli(['--events', 'Page.*', 'Page.captureScreenshot', '-o', path.join(dir, 'x.png')], { env: NO_BROWSER }),
      2,
      /--output cannot be used with --events/,
    );
    assertFailure(
      await cli(['--events', 'Page.*', '-o', path.join(dir, 'x.png')], { env: NO_BROWSER }),
      2,
      /--output needs a Domain\.method/,
    );
    assertFailure(
      await cli(['Page.captureScreenshot', '-o', path.join(dir, 'missing', 'x.png')], { env: NO_BROWSER }),
      1,
      /--output .*x\.png: cannot write there \(ENOENT\)/,
    );
    assertFailure(await cli(['Page.captureScreenshot', '-o', dir], { env: NO_BROWSER }), 1, /is a folder/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});

describe('repl', () => {
  test('the welcome line comes before the first prompt', (t) => {
    // stdout and stderr into one file, so their order is the order they were written.
    const dir = tempDir(t);
    const transcript = path.join(dir, 'transcript');
    const fd = fs.openSync(transcript, 'w');
    try {
      const run = spawnSync(process.execPath, [BIN, 'repl'], {
        cwd: ROOT,
        env: ENV,
        input: '6*7\n.exit\n',
        stdio: ['pipe', fd, fd],
        timeout: 60000,
      });
      assert.equal(run.status, 0);
    } finally {
      fs.closeSync(fd);
    }
    const text = fs.readFileSync(transcript, 'utf8');
    const welcome = text.indexOf('cdp-native repl on ');
    const prompt = text.indexOf('cdp> ');
    assert.ok(welcome >= 0 && prompt >= 0, text);
    assert.ok(welcome < prompt, `the prompt came first:\n${text}`);
    assert.match(text, /42/);
  });
});
