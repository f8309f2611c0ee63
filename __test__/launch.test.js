'use strict';
// launch(): options, flags and failures. Failures use small fake "browsers" (shell scripts in a
// temporary folder); the rest a real Chromium, on both transports.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ChildProcess, spawn } = require('node:child_process');
const { launch, TimeoutError, LaunchTimeoutError } = require('..');
const { TRANSPORTS, isAlive, packageForOtherUsers, patient, profileDirOf, suiteBrowser, sleep, rejectionOf } = require('./helpers');
const { listeningSockets } = require('../scripts/proc-stats');

const isRoot = process.getuid?.() === 0;

describe('launch() failures (fake browsers)', () => {
  let dir;
  const fake = (name, body) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-launch-test-'));
    fs.chmodSync(dir, 0o755);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const transport of TRANSPORTS) {
    test(`a missing executablePath rejects with a clear Error (${transport})`, async () => {
      const missing = path.join(dir, 'no-such-browser');
      const error = await rejectionOf(launch({ executablePath: missing, transport, timeout: 10000 }));
      assert.ok(error instanceof Error);
      assert.ok(!(error instanceof TimeoutError), `got ${error.stack}`);
      assert.ok(error.message.includes(missing), error.message);
      assert.match(error.message, /ENOENT|not found|no such file/i);
    });

    test(`a browser that fails at start: the error has its stderr and exit code (${transport})`, async () => {
      const failing = fake(
        `fail-${transport}.sh`,
        'echo "$@" > "$(dirname "$0")/args-fail"\necho "fake browser: first line" >&2\necho "FATAL: cannot open display :99" >&2\nexit 1',
      );
      const started = Date.now();
      const error = await rejectionOf(launch({ executablePath: failing, transport, timeout: 10000 }));
      // launch()'s timeout here is 10 s, which a launch that missed the exit would wait for.
      assert.ok(Date.now() - started < Math.min(patient(5000), 9000), 'took too long to notice the exit');
      assert.ok(error instanceof Error);
      assert.ok(!(error instanceof TimeoutError), `got ${error.stack}`);
      assert.ok(error.message.includes(failing), error.message);
      assert.match(error.message, /fake browser: first line/);
      assert.match(error.message, /FATAL: cannot open display :99/);
      assert.match(error.message, /code 1/);
      // Its temporary profile is gone.
      const args = fs.readFileSync(path.join(dir, 'args-fail'), 'utf8').trim().split(' ');
      assert.equal(fs.existsSync(profileDirOf(args)), false);
    });

    test(`a browser that never gets ready: TimeoutError after \`timeout\`, and it is killed (${transport})`, async () => {
      const pidFile = path.join(dir, `pid-${transport}`);
      const argsFile = path.join(dir, `args-${transport}`);
      const sleeper = fake(
        `sleep-${transport}.sh`,
        `echo "$@" > '${argsFile}'\necho "sleeping fake" >&2\necho $$ > '${pidFile}'\nexec sleep 30`,
      );
      const started = Date.now();
      const error = await rejectionOf(launch({ executablePath: sleeper, transport, timeout: 700 }));
      const elapsed = Date.now() - started;
      assert.ok(error instanceof TimeoutError, `got ${error.stack}`);
      assert.ok(error instanceof LaunchTimeoutError, `got ${error.stack}`);
      assert.equal(error.name, 'TimeoutError');
      assert.match(error.message, /700 ms/);
      // Its advice fits a launch, in the message and the stack alike, with what the browser said.
      for (const text of [error.message, error.stack]) {
        assert.match(text, /timeout option of launch\(\)/);
        assert.doesNotMatch(text, /protocolTimeout/);
        assert.match(text, /sleeping fake/);
      }
      assert.match(error.stderr, /sleeping fake/);
      assert.ok(elapsed >= 650, `rejected after ${elapsed} ms`);
      // After the timeout, launch() waits at most 2 s for the kill to settle, plus slack for a
      // busy machine. The fake sleeps 30 s: a launch that waited for it fails.
      assert.ok(elapsed < 700 + 2000 + Math.min(patient(1000), 20000), `rejected after ${elapsed} ms`);
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.ok(pid > 0);
      for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(50);
      const alive = isAlive(pid);
      if (alive) process.kill(pid, 'SIGKILL');
      assert.equal(alive, false, 'the fake browser is still running after the launch timeout');
      const profile = profileDirOf(fs.readFileSync(argsFile, 'utf8').trim().split(' '));
      assert.equal(fs.existsSync(profile), false, 'the temporary profile was left behind');
    });
  }

  for (const [fault, env] of [
    ['answers the first command with an error', { FAKE_REFUSED: 'Target.setDiscoverTargets' }],
    ['never answers the first command', { FAKE_UNANSWERED: 'Target.setDiscoverTargets' }],
  ]) {
    test(`a browser that ${fault}: launch() rejects within its timeout, the browser killed, its folders removed (pipe)`, async () => {
      const pidFile = path.join(dir, `pid-first-command-${env.FAKE_REFUSED ? 'refused' : 'unanswered'}`);
      const argsFile = `${pidFile}.args`;
      const fakePipe = require.resolve('./fixtures/fake-pipe-browser');
      const script = fake(
        `first-command-${env.FAKE_REFUSED ? 'refused' : 'unanswered'}.sh`,
        `echo $$ > '${pidFile}'\necho "$@" > '${argsFile}'\nexec '${process.execPath}' '${fakePipe}' "$@"`,
      );
      const error = await rejectionOf(launch({ executablePath: script, timeout: 1500, env: { ...process.env, ...env } }));
      if (env.FAKE_UNANSWERED) {
        assert.ok(error instanceof LaunchTimeoutError, `got ${error.stack}`);
        assert.match(error.message, /1500 ms/);
      } else {
        assert.match(error.message, /refused by the fake/);
      }
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      const deadline = Date.now() + patient(2000);
      while (isAlive(pid) && Date.now() < deadline) await sleep(50);
      assert.equal(isAlive(pid), false, 'the browser outlived the failed launch');
      assert.equal(fs.existsSync(profileDirOf(fs.readFileSync(argsFile, 'utf8').trim().split(' '))), false, 'the profile was left');
    });
  }

  test('CHROME_PATH is used when executablePath is not given', async () => {
    const viaEnv = fake('chrome-path.sh', 'echo "started via CHROME_PATH" >&2\nexit 3');
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = viaEnv;
    try {
      const error = await rejectionOf(launch({ timeout: 10000 }));
      assert.ok(error.message.includes(viaEnv), error.message);
      assert.match(error.message, /started via CHROME_PATH/);
      assert.match(error.message, /code 3/);
      // executablePath wins over CHROME_PATH.
      const explicit = fake('explicit.sh', 'echo "started explicitly" >&2\nexit 4');
      const second = await rejectionOf(launch({ executablePath: explicit, timeout: 10000 }));
      assert.match(second.message, /started explicitly/);
      assert.ok(!second.message.includes(viaEnv));
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  test('no Chromium on PATH and no CHROME_PATH: the error names what was looked for and the executablePath option', async () => {
    const saved = { PATH: process.env.PATH, CHROME_PATH: process.env.CHROME_PATH };
    // A PATH of only the fakes' folder, which holds none of the names looked for.
    process.env.PATH = dir;
    delete process.env.CHROME_PATH;
    try {
      const error = await rejectionOf(launch({ timeout: 10000 }));
      assert.equal(
        error.message,
        'No Chromium found: none of chromium, chromium-browser, google-chrome, google-chrome-stable is on PATH. ' +
          'Install one (Debian/Ubuntu: apt-get install chromium), or set CHROME_PATH or the executablePath option.',
      );
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  test('the env option is the environment of the browser process', async () => {
    const printer = fake('env.sh', 'echo "marker=$CDP_NATIVE_TEST_MARKER" >&2\nexit 1');
    const error = await rejectionOf(
      launch({ executablePath: printer, env: { ...process.env, CDP_NATIVE_TEST_MARKER: 'xyzzy-42' }, timeout: 10000 }),
    );
    assert.match(error.message, /marker=xyzzy-42/);
  });

  test('--no-sandbox is added iff Node runs as root (checked as root and as an unprivileged user)', async (t) => {
    const echoArgs = fake('echo-args.sh', 'echo "ARGS: $@" >&2\nexit 1');
    // The unprivileged user may not be able to enter the clone's folder: it loads a copy.
    const pkg = isRoot ? packageForOtherUsers(t) : path.join(__dirname, '..');
    const script = `
      const { launch } = require(${JSON.stringify(pkg)});
      launch({ executablePath: ${JSON.stringify(echoArgs)}, timeout: 10000 }).then(
        () => { console.log('launched?!'); process.exit(2); },
        (e) => { console.log(JSON.stringify({ uid: process.getuid(), message: e.message })); },
      );`;
    const run = (options) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script], { ...options, stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          if (code !== 0) reject(new Error(`child exited with ${code}: ${out} ${err}`));
          else resolve(JSON.parse(out.trim()));
        });
      });
    const argsLine = (message) => message.split('\n').find((l) => l.startsWith('ARGS: '));

    const self = await run({});
    assert.ok(argsLine(self.message), self.message);
    assert.equal(argsLine(self.message).split(' ').includes('--no-sandbox'), isRoot);

    if (!isRoot) {
      t.diagnostic('not root: the unprivileged case above is the only one that can be checked');
      return;
    }
    const nobody = await run({ uid: 65534, gid: 65534 });
    assert.equal(nobody.uid, 65534);
    assert.ok(argsLine(nobody.message), nobody.message);
    assert.equal(argsLine(nobody.message).split(' ').includes('--no-sandbox'), false);
  });

  test('bad options reject with TypeError', async () => {
    await assert.rejects(launch({ transport: 'carrier-pigeon' }), TypeError);
    await assert.rejects(launch({ args: '--foo' }), TypeError);
    await assert.rejects(launch({ timeout: -5 }), TypeError);
  });
});

for (const transport of TRANSPORTS) {
  describe(`a launched browser over ${transport}`, () => {
    const extra = ['--mute-audio', '--lang=en-US'];
    const state = suiteBrowser({ transport, args: extra });

    test('process is the ChildProcess, running', () => {
      const child = state.browser.process;
      assert.ok(child instanceof ChildProcess);
      assert.equal(typeof child.pid, 'number');
      assert.equal(child.exitCode, null);
      assert.equal(isAlive(child.pid), true);
    });

    test('args are appended after the built-in flags, in order', () => {
      const args = state.browser.process.spawnargs;
      const first = args.indexOf(extra[0]);
      assert.ok(first > 0, `${extra[0]} missing from ${args.join(' ')}`);
      assert.equal(args[first + 1], extra[1]);
      for (const builtIn of ['--headless', '--no-first-run']) {
        assert.ok(args.includes(builtIn), `${builtIn} missing`);
        assert.ok(args.indexOf(builtIn) < first, `${builtIn} comes after the user's args`);
      }
      assert.ok(args.findIndex((a) => a.startsWith('--user-data-dir=')) < first);
      assert.ok(args.findIndex((a) => a.startsWith('--remote-debugging-')) < first);
    });

    test('--no-sandbox is present iff running as root', () => {
      assert.equal(state.browser.process.spawnargs.includes('--no-sandbox'), isRoot);
    });

    test('the transport flags and wsEndpoint match the transport', () => {
      const args = state.browser.process.spawnargs;
      if (transport === 'pipe') {
        assert.ok(args.includes('--remote-debugging-pipe'));
        assert.ok(!args.some((a) => a.startsWith('--remote-debugging-port')));
        assert.equal(state.browser.wsEndpoint, undefined);
      } else {
        assert.ok(args.includes('--remote-debugging-port=0'));
        assert.ok(!args.includes('--remote-debugging-pipe'));
        assert.match(state.browser.wsEndpoint, /^ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\/[0-9a-f-]+$/);
      }
    });

    test(transport === 'pipe' ? 'no TCP port is opened' : 'it listens on the port of wsEndpoint', () => {
      const ports = listeningSockets([state.browser.process.pid]).map(({ port }) => port);
      if (transport === 'pipe') {
        assert.deepEqual(ports, []);
        assert.equal(fs.existsSync(path.join(profileDirOf(state.browser.process.spawnargs), 'DevToolsActivePort')), false);
      } else {
        const port = Number(new URL(state.browser.wsEndpoint).port);
        assert.ok(ports.includes(port), `listening on ${ports}, not on ${port}`);
      }
    });

    test('the temporary profile is a fresh folder of mode 0700 in the temp dir', () => {
      const profile = profileDirOf(state.browser.process.spawnargs);
      assert.equal(path.dirname(profile), os.tmpdir());
      assert.match(path.basename(profile), /^cdp-native-profile-/);
      const stat = fs.statSync(profile);
      assert.ok(stat.isDirectory());
      assert.equal(stat.mode & 0o777, 0o700);
    });

    test('it works', async () => {
      const page = await state.browser.newPage();
      const { result } = await page.send('Runtime.evaluate', { expression: 'navigator.userAgent' });
      assert.match(result.value, /HeadlessChrome/);
      await page.send('Page.close').catch(() => {});
    });
  });
}

test('a userDataDir given by the user is used and kept after close()', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-user-profile-'));
  try {
    const browser = await launch({ userDataDir: profile });
    try {
      assert.ok(browser.process.spawnargs.includes(`--user-data-dir=${profile}`));
    } finally {
      await browser.close();
    }
    assert.equal(fs.existsSync(profile), true, 'the user-given profile was removed');
    assert.ok(fs.readdirSync(profile).length > 0, 'the browser did not use the given profile');
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
