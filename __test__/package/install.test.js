'use strict';
// The package as a user gets it (`npm run test:package`, after `npm run build:prebuilt`): the
// root and npm/linux-x64-gnu packed with `npm pack`, installed into empty projects with a PATH
// that has node and npm and no cargo. The prebuilt installs without building anything and
// runs the seed example through require and import, also with install scripts off (as pnpm
// does by default); without it, the install fails with the message that says what to do.
// The binary needs no glibc above 2.17 and no OpenSSL.

const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { platformName, addonFileName, platformPackageName } = require('../../scripts/platform');

const ROOT = path.join(__dirname, '..', '..');
const PLATFORM_DIR = path.join(ROOT, 'npm', platformName());
const PREBUILT = path.join(PLATFORM_DIR, addonFileName());
const GLIBC_FLOOR = [2, 17];
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Orders versions given as arrays of numbers, [2, 2, 5] before [2, 17]. */
function compareVersions(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return 0;
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return fs.realpathSync(candidate);
  }
  throw new Error(`${name} is not on PATH`);
}

/** `npm pack` of `dir` into `dest`; returns the tarball's path. */
function pack(dir, dest) {
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: dir, encoding: 'utf8' }));
  return path.join(dest, filename);
}

/** The seed example (examples/animation.js) as a user's CommonJS and ESM file. */
function writeExamples(project) {
  const source = fs.readFileSync(path.join(ROOT, 'examples', 'animation.js'), 'utf8');
  const required = "const { launch } = require('..');";
  assert.ok(source.includes(required), 'examples/animation.js requires the package as expected');
  fs.writeFileSync(path.join(project, 'example.cjs'), source.replace(required, "const { launch } = require('cdp-native');"));
  const esm = source.replace("'use strict';\n", '').replace(required, "import { launch } from 'cdp-native';");
  fs.writeFileSync(path.join(project, 'example.mjs'), esm);
}

describe(`the packed packages on ${platformName()}`, () => {
  let work;
  let env;
  let tarballs;
  before(() => {
    assert.ok(fs.existsSync(PREBUILT), `${PREBUILT} is missing: run npm run build:prebuilt first`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-package-'));
    // A PATH of node, npm and the sh npm runs scripts with: a source build would find no cargo.
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    fs.symlinkSync(onPath('npm'), path.join(bin, 'npm'));
    fs.symlinkSync(onPath('sh'), path.join(bin, 'sh'));
    env = { ...process.env, PATH: bin, CHROME_PATH: CHROME };
    delete env.npm_config_build_from_source;
    assert.equal(spawnSync('cargo', ['--version'], { env }).error?.code, 'ENOENT');
    tarballs = { root: pack(ROOT, work), prebuilt: pack(PLATFORM_DIR, work) };
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** An empty project with `npm install <specs>`; returns it and how the install went. */
  function install(t, name, specs, flags = []) {
    const project = path.join(work, name);
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name, private: true }));
    const started = process.hrtime.bigint();
    const run = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...flags, ...specs], {
      cwd: project,
      env,
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    t.diagnostic(`npm install ${[...flags, ...specs.map((spec) => path.basename(spec))].join(' ')}: ${seconds.toFixed(1)} s`);
    return { project, run };
  }

  function runExample(project, file) {
    const run = spawnSync(process.execPath, [file], { cwd: project, env, encoding: 'utf8', timeout: 60000 });
    assert.equal(run.status, 0, `${file} failed:\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^Animation created!\nPlayback rate was 1\nPlayback rate is now 0\.5\n$/);
  }

  test('the prebuilt installs with no cargo, builds nothing, and the example runs via require and import', (t) => {
    const { project, run } = install(t, 'with-prebuilt', [tarballs.root, tarballs.prebuilt]);
    assert.equal(run.status, 0, `npm install failed:\n${run.stdout}\n${run.stderr}`);
    const installed = path.join(project, 'node_modules', 'cdp-native');
    const built = fs.readdirSync(installed).filter((file) => file.endsWith('.node') || file === 'target');
    assert.deepEqual(built, [], 'nothing was built inside the installed package');
    assert.ok(fs.existsSync(path.join(project, 'node_modules', platformPackageName(), addonFileName())));
    writeExamples(project);
    runExample(project, 'example.cjs');
    runExample(project, 'example.mjs');
  });

  test("with install scripts off (pnpm's default), the prebuilt loads all the same", (t) => {
    const { project, run } = install(t, 'scripts-off', [tarballs.root, tarballs.prebuilt], ['--ignore-scripts']);
    assert.equal(run.status, 0, `npm install failed:\n${run.stdout}\n${run.stderr}`);
    writeExamples(project);
    runExample(project, 'example.cjs');
  });

  test('without the prebuilt and without cargo, the install fails saying what it tried and what to do', (t) => {
    const { run } = install(t, 'without-prebuilt', [tarballs.root], ['--omit=optional']);
    assert.notEqual(run.status, 0);
    const output = run.stdout + run.stderr;
    assert.match(output, new RegExp(`cdp-native: no native addon for ${platformName()} \\(Node v[\\d.]+\\) could be loaded or built\\.`));
    assert.match(output, new RegExp(`- the prebuilt package ${platformPackageName()}: not installed`));
    assert.match(output, /- a build from source: cargo is not on PATH/);
    assert.match(output, /1\. Use the prebuilt addon: install again without --omit=optional/);
    assert.match(output, /2\. Build from source: install Rust \(https:\/\/rustup\.rs\)/);
  });

  test('--build-from-source skips the prebuilt: with no cargo, the install fails saying so', (t) => {
    const { run } = install(t, 'forced-source', [tarballs.root, tarballs.prebuilt], ['--build-from-source']);
    assert.notEqual(run.status, 0);
    const output = run.stdout + run.stderr;
    assert.match(output, /- npm_config_build_from_source is set, so no prebuilt was tried\n.*- a build from source: cargo is not on PATH/);
  });

  test('the binary needs no glibc above 2.17 and links no OpenSSL', (t) => {
    const needed = [...execFileSync('readelf', ['-d', PREBUILT], { encoding: 'utf8' }).matchAll(/\(NEEDED\).*\[(.+)\]/g)].map((m) => m[1]);
    t.diagnostic(`NEEDED: ${needed.join(', ')}`);
    assert.ok(needed.includes('libc.so.6'));
    const openssl = needed.filter((lib) => /libssl|libcrypto/.test(lib));
    assert.deepEqual(openssl, []);
    const symbols = execFileSync('objdump', ['-T', PREBUILT], { encoding: 'utf8' });
    const versions = [...new Set(symbols.match(/GLIBC_[\d.]+/g))].map((v) => v.slice('GLIBC_'.length).split('.').map(Number));
    assert.ok(versions.length > 0, 'objdump -T lists glibc symbol versions');
    const highest = versions.sort(compareVersions).at(-1);
    t.diagnostic(`highest GLIBC_ symbol version: ${highest.join('.')}`);
    assert.ok(compareVersions(highest, GLIBC_FLOOR) <= 0, `needs GLIBC_${highest.join('.')}`);
  });
});
