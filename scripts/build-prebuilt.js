'use strict';
// `npm run build:prebuilt`: builds this machine's addon for its per-platform package,
// npm/<platform>/, ready for `npm pack` or `npm publish` there. The Linux gnu binary is built
// with cargo-zigbuild against glibc 2.17 (napi-rs's own floor), so it loads on every glibc
// Linux of the last decade; zig and cargo-zigbuild come from PyPI, found on PATH or
// installed into target/zig-tools (a Python venv) when missing. Other hosts build natively.
//
// (Not named `prebuild`: npm would run that before every `npm run build`.)

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { platformName, addonFileName } = require('./platform');

const root = path.resolve(__dirname, '..');
/** The glibc the Linux gnu binaries are linked against: napi-rs's template uses the same. */
const GLIBC_FLOOR = '2.17';
/** Where missing build tools are installed, once per clone. */
const toolsDir = path.join(root, 'target', 'zig-tools');
const toolsBin = path.join(toolsDir, process.platform === 'win32' ? 'Scripts' : 'bin');

/** napi-rs platform name → Rust target triple, for the targets in package.json's `napi.targets`. */
const TRIPLES = {
  'linux-x64-gnu': 'x86_64-unknown-linux-gnu',
  'linux-arm64-gnu': 'aarch64-unknown-linux-gnu',
  'linux-x64-musl': 'x86_64-unknown-linux-musl',
  'linux-arm64-musl': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64-msvc': 'x86_64-pc-windows-msvc',
};

const say = (line) => console.error(`build:prebuilt: ${line}`);

function fail(line) {
  say(line);
  process.exit(1);
}

/** Runs a command quietly; true when it exits 0. */
function succeeds(command, args, env = process.env) {
  const run = spawnSync(command, args, { env, stdio: 'ignore' });
  return !run.error && run.status === 0;
}

/** The environment in which `cargo zigbuild` and zig are found, installing them if need be. */
function zigEnvironment() {
  const env = { ...process.env, PATH: `${toolsBin}${path.delimiter}${process.env.PATH}` };
  const hasZig = () => succeeds('zig', ['version'], env) || succeeds('python3', ['-m', 'ziglang', 'version'], env);
  if (succeeds('cargo', ['zigbuild', '--help'], env) && hasZig()) {
    say('using cargo-zigbuild and zig found on PATH (or in target/zig-tools)');
    return env;
  }
  say('cargo-zigbuild or zig is missing: installing both from PyPI (pip install cargo-zigbuild) into target/zig-tools');
  const python = ['python3', 'python'].find((name) => succeeds(name, ['--version']));
  if (!python) {
    fail('cannot install cargo-zigbuild: no python3 on PATH. Install Python 3, or zig and cargo-zigbuild yourself.');
  }
  const installed =
    succeeds(python, ['-m', 'venv', toolsDir]) &&
    succeeds(path.join(toolsBin, 'python'), ['-m', 'pip', 'install', '--quiet', 'cargo-zigbuild']);
  if (!installed || !succeeds('cargo', ['zigbuild', '--help'], env) || !hasZig()) {
    fail(
      `could not install cargo-zigbuild and zig into ${toolsDir} (python's venv module and PyPI are needed). ` +
        'Install them yourself (pip install cargo-zigbuild, which brings ziglang), then run this again.',
    );
  }
  return env;
}

function main() {
  const platform = platformName();
  const triple = TRIPLES[platform];
  const packageDir = path.join(root, 'npm', platform);
  if (!triple || !fs.existsSync(path.join(packageDir, 'package.json'))) {
    fail(`no per-platform package for ${platform} (npm/${platform}/package.json); the targets are ${Object.keys(TRIPLES).join(', ')}`);
  }
  const glibcFloor = platform.endsWith('-gnu');
  const outDir = path.join(root, 'target', 'prebuilt');
  const args = ['build', '--platform', '--release', '--output-dir', outDir, '--no-js', '--dts', 'binding.d.ts'];
  let env = process.env;
  if (glibcFloor) {
    env = zigEnvironment();
    args.push('-x', '--target', `${triple}.${GLIBC_FLOOR}`);
    say(`building ${platform} against glibc ${GLIBC_FLOOR} with cargo-zigbuild`);
  } else {
    args.push('--target', triple);
    say(`building ${platform} natively`);
  }
  const napi = path.join(root, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');
  if (!fs.existsSync(napi)) fail('@napi-rs/cli is missing: run npm install in this clone first');
  const build = spawnSync(process.execPath, [napi, ...args], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) fail(`napi build failed (exit ${build.status ?? build.signal})`);
  const built = path.join(outDir, addonFileName());
  const dest = path.join(packageDir, addonFileName());
  fs.copyFileSync(built, dest);
  say(`wrote ${path.relative(root, dest)} (${(fs.statSync(dest).size / 1024 / 1024).toFixed(1)} MiB)`);
}

main();
