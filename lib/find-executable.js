'use strict';
// Finds the Chromium to launch: the executablePath option, CHROME_PATH, or the first of the
// usual names on PATH.

const fs = require('node:fs');
const path = require('node:path');
const { describeDenial, isPermissionDenial } = require('./runtime-permissions');

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

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
    throw new Error(
      `No Chromium found: none of ${CANDIDATES.join(', ')} is on PATH. Install one ` +
        `(Debian/Ubuntu: apt-get install chromium), or set CHROME_PATH or the executablePath option.`,
    );
  }
  return found;
}

module.exports = { findExecutable };
