'use strict';
// The Node that runs the clients (every runner process). By default the newest Node 24, the
// LTS most users run, taken from the npm registry's `node-<platform>-<arch>` package (the
// official binary, as .ci/run does) and kept in bench/.cache/node/<version>/; `--node` picks
// another major, or a node binary by its path. The bench's own process may run on any Node:
// it only starts and reads the runners.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const DEFAULT_NODE = '24';
const CACHE = path.join(__dirname, '.cache', 'node');
const PACKAGE = `node-${process.platform}-${process.arch}`;

/**
 * `spec`: a major ('24'), or the path of a node binary. Resolves to `{ execPath, version }`.
 * Throws a sentence saying what went wrong and what to do instead.
 */
function resolveNode(spec = DEFAULT_NODE, log = () => {}) {
  if (/^\d+$/.test(spec)) {
    checkSupported(Number(spec), `--node ${spec}`);
    return nodeOfMajor(Number(spec), log);
  }
  const execPath = path.resolve(spec);
  const version = versionOf(execPath);
  checkSupported(Number(version.split('.')[0]), `--node ${spec} (Node ${version})`);
  return { execPath, version };
}

/** The oldest major package.json's `engines.node` (">=20") allows: an older one is refused, not run. */
const OLDEST_MAJOR = Number(/\d+/.exec(require('../package.json').engines.node)[0]);

function checkSupported(major, what) {
  if (major < OLDEST_MAJOR) throw new Error(`${what}: cdp-native supports Node ${OLDEST_MAJOR} and later (package.json engines)`);
}

function nodeOfMajor(major, log) {
  const newest = newestPublished(major);
  const version = newest.version ?? newestCached(major);
  if (!version) {
    throw new Error(
      `--node ${major}: cannot ask the npm registry for ${PACKAGE}@${major} (${newest.error}), ` +
        `and none is cached in ${CACHE}; give a node binary with --node <path>`,
    );
  }
  if (!newest.version) log(`bench: the npm registry did not answer (${newest.error}); using the cached Node ${version}`);
  const execPath = path.join(CACHE, version, 'bin', 'node');
  if (!fs.existsSync(execPath)) download(version, log);
  return { execPath, version: versionOf(execPath) };
}

/** `{ version }`: the newest `major.x.y` of the package, or `{ error }`. One metadata request. */
function newestPublished(major) {
  const npm = spawnSync('npm', ['view', `${PACKAGE}@${major}`, 'version', '--json'], { encoding: 'utf8', timeout: 60000 });
  if (npm.error || npm.status !== 0)
    return { error: (npm.error?.message ?? npm.stderr.trim().split('\n').pop()) || `npm exited ${npm.status}` };
  let listed;
  try {
    listed = npm.stdout.trim() ? JSON.parse(npm.stdout) : [];
  } catch {
    return { error: `npm view printed something other than JSON: ${npm.stdout.slice(0, 200)}` };
  }
  const versions = [listed].flat().filter((v) => typeof v === 'string' && v.startsWith(`${major}.`));
  if (versions.length === 0) return { error: `the registry has no ${PACKAGE}@${major}` };
  return { version: versions.sort(compareVersions).pop() };
}

function newestCached(major) {
  let entries = [];
  try {
    entries = fs.readdirSync(CACHE);
  } catch {
    return undefined;
  }
  return entries
    .filter((name) => name.startsWith(`${major}.`) && fs.existsSync(path.join(CACHE, name, 'bin', 'node')))
    .sort(compareVersions)
    .pop();
}

/** `npm pack` the package (its tarball carries the binary) and keep only bin/node. */
function download(version, log) {
  log(`bench: fetching Node ${version} (npm pack ${PACKAGE}@${version}) into ${path.relative(process.cwd(), CACHE)}`);
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = fs.mkdtempSync(path.join(CACHE, `.${version}-`));
  try {
    const pack = spawnSync('npm', ['pack', '--silent', `${PACKAGE}@${version}`], { cwd: staging, encoding: 'utf8', timeout: 600000 });
    if (pack.error || pack.status !== 0)
      throw new Error(`npm pack ${PACKAGE}@${version} failed: ${pack.error?.message ?? pack.stderr.trim()}`);
    const tarball = path.join(staging, pack.stdout.trim().split('\n').pop());
    const unpacked = path.join(staging, 'unpacked');
    fs.mkdirSync(unpacked);
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1', 'package/bin/node'], { encoding: 'utf8' });
    if (tar.error || tar.status !== 0) throw new Error(`cannot unpack ${tarball}: ${tar.error?.message ?? tar.stderr.trim()}`);
    // A rename is atomic: an interrupted download never leaves a half-written node behind.
    fs.renameSync(unpacked, path.join(CACHE, version));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function versionOf(execPath) {
  const run = spawnSync(execPath, ['--version'], { encoding: 'utf8', timeout: 30000 });
  if (run.error || run.status !== 0)
    throw new Error(`--node: ${execPath} does not run as node: ${run.error?.message ?? run.stderr.trim()}`);
  return run.stdout.trim().replace(/^v/, '');
}

function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

module.exports = { resolveNode, DEFAULT_NODE };
