'use strict';
// Loads the native addon through the generated loader (binding.js) and, when that fails, says
// why in terms of what to do. The loader's own message blames an npm bug and suggests deleting
// the lockfile; the usual cause here is different: the addon is built from source by the
// package's install script, and package managers that block install scripts (pnpm 10, Bun,
// Deno, npm with ignore-scripts or without an approval) never ran it.

const fs = require('node:fs');
const path = require('node:path');
const { DENO_FLAGS } = require('./runtime-permissions');

const ROOT = path.join(__dirname, '..');

/** How to run the install script with each package manager, once scripts were blocked. */
const BUILD_FIXES = [
  'npm:  npm rebuild cdp-native (with ignore-scripts set: add --ignore-scripts=false; where npm asks for approval: npm install-scripts approve cdp-native first)',
  'pnpm: pnpm approve-builds (select cdp-native; it is recorded in pnpm-workspace.yaml), then pnpm rebuild cdp-native',
  'Bun:  add "trustedDependencies": ["cdp-native"] to package.json, then bun install (or: bun pm trust cdp-native)',
  'Deno: deno install --allow-scripts=npm:cdp-native',
  `or, with any of them: node ${path.join('node_modules', 'cdp-native', 'scripts', 'build-native.js')}`,
];

/** The messages of an error and of its causes, outermost first. */
function messagesOf(error) {
  const messages = [];
  for (let e = error; e && messages.length < 20; e = e.cause) messages.push(String(e.message ?? e));
  return messages;
}

/** The addon files present beside the loader (cdp-native.<platform>.node). */
function builtAddons() {
  try {
    return fs.readdirSync(ROOT).filter((name) => /^cdp-native\..+\.node$/.test(name));
  } catch {
    return [];
  }
}

/** The error to throw for the loader's failure `error`. */
function explain(error) {
  const messages = messagesOf(error);
  const denied = messages.find((m) => /Requires ffi access|loading addons is disabled/.test(m));
  if (denied) {
    const fix = /ffi/.test(denied)
      ? `Deno needs --allow-ffi for it; to launch a browser cdp-native needs ${DENO_FLAGS}`
      : "Node's permission model needs --allow-addons for it (and --allow-child-process, --allow-fs-read, --allow-fs-write to launch a browser)";
    return new Error(`cdp-native: the runtime refused to load the native addon: ${denied}. ${fix}.`, { cause: error });
  }
  const present = builtAddons();
  if (present.length === 0) {
    return new Error(
      `cdp-native: the native addon was never built: ${ROOT} has no cdp-native.<platform>.node. It is built from ` +
        "source by the package's install script (node scripts/build-native.js, which needs Rust's cargo), and that " +
        'script did not run: install scripts were blocked, or the install was made with them off. To build it:\n  ' +
        BUILD_FIXES.join('\n  '),
      { cause: error },
    );
  }
  const why = messages.filter((m) => !/^Cannot find (module|native binding)/.test(m)).join('; ') || messages[0];
  return new Error(
    `cdp-native: the native addon (${present.join(', ')}) failed to load: ${why}. Rebuild it for this machine: npm rebuild cdp-native ` +
      `(or node ${path.join(ROOT, 'scripts', 'build-native.js')})`,
    { cause: error },
  );
}

function loadNativeAddon() {
  try {
    return require('../binding.js');
  } catch (error) {
    throw explain(error);
  }
}

module.exports = { loadNativeAddon };
