'use strict';
// Builds the native addon from source at install time. napi-rs has no such step of its own;
// this needs nothing but Node and cargo, so it works for a consumer without devDependencies.
// It always runs cargo (a no-op when nothing changed), so an install never keeps a stale binary.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** The file name the generated loader (binding.js) looks for first on this platform. */
function addonFileName() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const glibc = process.report?.getReport()?.header?.glibcVersionRuntime;
    return `cdp-native.linux-${arch}-${glibc ? 'gnu' : 'musl'}.node`;
  }
  if (platform === 'win32') return `cdp-native.win32-${arch}-msvc.node`;
  return `cdp-native.${platform}-${arch}.node`;
}

/** What cargo calls the cdylib on this platform. */
function cdylibFileName() {
  if (process.platform === 'win32') return 'cdp_native.dll';
  if (process.platform === 'darwin') return 'libcdp_native.dylib';
  return 'libcdp_native.so';
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

function main() {
  const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' });
  if (cargo.error || cargo.status !== 0) {
    console.error(
      'cdp-native builds its native addon from source and needs Rust\'s cargo on PATH.\n' +
        'Install Rust (https://rustup.rs), then run npm install again.',
    );
    process.exit(1);
  }
  console.error('cdp-native: building the native addon (cargo build --release)…');
  const build = spawnSync('cargo', ['build', '--release', '--lib'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`cdp-native: cargo build failed (exit ${build.status ?? build.signal}).`);
    process.exit(1);
  }
  const built = path.join(targetDir(), 'release', cdylibFileName());
  const dest = path.join(root, addonFileName());
  // Copy to a temporary name and rename, so a running process never sees a half-written file.
  const tmp = `${dest}.${process.pid}.tmp`;
  fs.copyFileSync(built, tmp);
  fs.renameSync(tmp, dest);
  require(path.join(root, 'binding.js'));
  console.error(`cdp-native: built ${path.basename(dest)}`);
  // Installed as a dependency, the build folder is hundreds of MB nobody will reuse.
  const insideNodeModules = root.split(path.sep).includes('node_modules');
  if (insideNodeModules && !process.env.CARGO_TARGET_DIR) {
    fs.rmSync(path.join(root, 'target'), { recursive: true, force: true });
  }
}

main();
