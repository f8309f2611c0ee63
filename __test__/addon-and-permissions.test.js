'use strict';
// When the native addon cannot be loaded, the error says why and what to do: never built (the
// install script was blocked: the fix for npm, pnpm, Bun and Deno), or refused by the
// runtime's permissions (here Node's permission model, which Deno's NotCapable mirrors); and a
// refused search of PATH for Chromium is reported as a refusal.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** A copy of the package's JavaScript in a temporary folder, with or without the built addon. */
function packageCopy(t, { withAddon }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-addon-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const name of ['index.js', 'binding.js', 'package.json']) fs.copyFileSync(path.join(ROOT, name), path.join(dir, name));
  fs.cpSync(path.join(ROOT, 'lib'), path.join(dir, 'lib'), { recursive: true });
  if (withAddon) {
    for (const name of fs.readdirSync(ROOT).filter((n) => /^cdp-native\..+\.node$/.test(n)))
      fs.copyFileSync(path.join(ROOT, name), path.join(dir, name));
  }
  return dir;
}

/** Requires the copy in a child Node with `flags`; returns what it printed. */
function requireIn(dir, flags = []) {
  const script = `try { require(${JSON.stringify(path.join(dir, 'index.js'))}); console.log('loaded'); } catch (e) { console.log(e.message); }`;
  return spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
}

test('a never-built addon: the error says the install script did not run and how to run it with each package manager', (t) => {
  const dir = packageCopy(t, { withAddon: false });
  const { stdout } = requireIn(dir);
  assert.match(stdout, /the native addon was never built: .* has no cdp-native\.<platform>\.node/);
  assert.match(stdout, /install scripts were blocked/);
  assert.match(stdout, /npm: +npm rebuild cdp-native/);
  assert.match(stdout, /pnpm: +pnpm approve-builds/);
  assert.match(stdout, /Bun: +add "trustedDependencies": \["cdp-native"\] to package\.json, then bun install/);
  assert.match(stdout, /Deno: +deno install --allow-scripts=npm:cdp-native/);
  assert.doesNotMatch(stdout, /npm has a bug/);
});

test("loading addons refused by Node's permission model: the error says so and names --allow-addons", (t) => {
  const dir = packageCopy(t, { withAddon: true });
  const permission = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const { stdout, stderr } = requireIn(dir, [permission, '--allow-fs-read=*']);
  assert.match(stdout, /the runtime refused to load the native addon: .*--allow-addons/, stderr);
});

test("searching PATH for Chromium refused by Node's permission model is reported as a refusal, not as 'not found'", () => {
  const permission = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  // The package may be read, PATH's folders may not.
  const script = `require(${JSON.stringify(ROOT)}).launch().then((b) => b.close().then(() => console.log('launched')), (e) => console.log(e.message))`;
  const env = { ...process.env, PATH: `/usr/bin${path.delimiter}${process.env.PATH}` };
  delete env.CHROME_PATH;
  const { stdout, stderr } = spawnSync(process.execPath, [permission, '--allow-addons', `--allow-fs-read=${ROOT}`, '-e', script], {
    encoding: 'utf8',
    env,
  });
  assert.match(
    stdout,
    /No Chromium found: searching PATH for chromium.* was refused by the runtime's permissions \(FileSystemRead to \/.*--allow-fs-read/,
    stderr,
  );
});
