'use strict';
// Finds the Chromium to launch: the executablePath option, CHROME_PATH, or the first of the
// usual names on PATH. The names and the not-found message are crates/launch's, shared with
// the Python face (through the addon); the search itself is JavaScript, so that it goes
// through the runtime's permission checks (Node's --permission, Deno's --allow-read): a
// native search would bypass the user's choice, and could not report a refusal as one.

const fs = require('node:fs');
const path = require('node:path');
const { chromiumCandidates, noChromiumMessage } = require('../binding.js');
const { describeDenial, isPermissionDenial } = require('./runtime-permissions');

const CANDIDATES = chromiumCandidates();

/** The first `name` on PATH; a runtime's refusal to look (Deno's permissions) goes into `denials`. */
function findOnPath(name, denials) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch (error) {
      if (isPermissionDenial(error)) denials.push(error);
    }
  }
  return undefined;
}

function findExecutable(executablePath) {
  const denials = [];
  const found = executablePath ?? process.env.CHROME_PATH ?? CANDIDATES.map((name) => findOnPath(name, denials)).find(Boolean);
  if (!found && denials.length > 0) {
    throw new Error(
      `No Chromium found: searching PATH for ${CANDIDATES.join(', ')} was refused by the runtime's permissions ` +
        `(${describeDenial(denials[0])}). Or set CHROME_PATH or the executablePath option.`,
      { cause: denials[0] },
    );
  }
  if (!found) {
    throw new Error(noChromiumMessage('executablePath'));
  }
  return found;
}

module.exports = { findExecutable };
