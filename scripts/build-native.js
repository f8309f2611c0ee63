'use strict';
// The package's install step: load first, build last. Installed as a dependency, it exits at
// once when an addon loads (the prebuilt platform package, or an earlier local build); it
// runs cargo only when none loads, or when a source build is asked for
// (`npm install --build-from-source`, i.e. npm_config_build_from_source); otherwise it fails
// with a message that names the platform, what it tried and the two ways out. It needs only
// Node (and cargo to build), so it works without devDependencies. pnpm, which runs no
// dependency scripts by default, never runs it: the prebuilt loads without it.
//
// In a clone (not inside node_modules) only the clone's own build counts, never a published
// package: its tests must run its source. After changing Rust there, `npm run build`.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { platformName, addonFileName, platformPackageName, cdylibFileName } = require('./platform');

const root = path.resolve(__dirname, '..');
const isDependency = root.split(path.sep).includes('node_modules');
const localAddon = path.join(root, addonFileName());

/** `npm install --build-from-source` sets it to "true"; any value but false/0/empty counts. */
function buildFromSourceRequested() {
  const value = (process.env.npm_config_build_from_source ?? '').toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];

/** Tries each way an addon could already be there; returns `{ loaded, tried: [lines] }`. */
function tryExisting() {
  const tried = [];
  if (fs.existsSync(localAddon)) {
    try {
      require(localAddon);
      return { loaded: true, tried };
    } catch (error) {
      tried.push(`the local build ${path.basename(localAddon)}: does not load (${firstLine(error)})`);
    }
  } else {
    tried.push(`a local build ${path.basename(localAddon)}: there is none`);
  }
  if (!isDependency) return { loaded: false, tried };
  const name = platformPackageName();
  const published = Object.keys(require(path.join(root, 'package.json')).optionalDependencies ?? {});
  let entry;
  try {
    entry = require.resolve(name, { paths: [root] });
  } catch {
    tried.push(
      published.includes(name)
        ? `the prebuilt package ${name}: not installed (npm leaves optional dependencies out with --omit=optional, and at times after a lockfile made elsewhere)`
        : `a prebuilt package: none is published for ${platformName()} (only for ${published.map((p) => p.replace('cdp-native-', '')).join(', ')})`,
    );
    return { loaded: false, tried };
  }
  try {
    require(entry);
    return { loaded: true, tried };
  } catch (error) {
    tried.push(`the prebuilt package ${name}: does not load (${firstLine(error)})`);
    return { loaded: false, tried };
  }
}

function fail(tried) {
  console.error(
    [
      `cdp-native: no native addon for ${platformName()} (Node ${process.version}) could be loaded or built.`,
      'Tried:',
      ...tried.map((line) => `  - ${line}`),
      'Two ways out:',
      `  1. Use the prebuilt addon: install again without --omit=optional/--no-optional, so that npm installs ${platformPackageName()}`,
      '     (if npm still skips it, remove node_modules and package-lock.json first: npm/cli#4828).',
      '  2. Build from source: install Rust (https://rustup.rs) so that cargo is on PATH, then install again',
      '     (npm install --build-from-source forces a source build even when a prebuilt loads).',
    ].join('\n'),
  );
  process.exit(1);
}

function targetDir() {
  const meta = spawnSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (meta.status === 0) return JSON.parse(meta.stdout).target_directory;
  return path.join(root, 'target');
}

function buildFromSource() {
  console.error('cdp-native: building the native addon from source (cargo build --release)…');
  const build = spawnSync('cargo', ['build', '--release', '--lib'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`cdp-native: cargo build failed (exit ${build.status ?? build.signal}).`);
    process.exit(1);
  }
  const built = path.join(targetDir(), 'release', cdylibFileName());
  // Copy to a temporary name and rename, so a running process never sees a half-written file.
  const tmp = `${localAddon}.${process.pid}.tmp`;
  fs.copyFileSync(built, tmp);
  fs.renameSync(tmp, localAddon);
  require(localAddon);
  console.error(`cdp-native: built ${path.basename(localAddon)}`);
  // Installed as a dependency, the build folder is hundreds of MB nobody will reuse.
  if (isDependency && !process.env.CARGO_TARGET_DIR) {
    fs.rmSync(path.join(root, 'target'), { recursive: true, force: true });
  }
}

function main() {
  const forced = buildFromSourceRequested();
  const { loaded, tried } = forced ? { loaded: false, tried: [] } : tryExisting();
  if (loaded) return;
  const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' });
  if (cargo.error || cargo.status !== 0) {
    if (forced) tried.push('npm_config_build_from_source is set, so no prebuilt was tried');
    tried.push('a build from source: cargo is not on PATH');
    fail(tried);
  }
  buildFromSource();
}

main();
