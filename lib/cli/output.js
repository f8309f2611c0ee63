'use strict';
// What the command prints: results and events on stdout, errors on stderr.

const { TimeoutError } = require('../errors');
const { UsageError } = require('./usage');

/** A result: indented JSON. */
function printJson(value) {
  process.stdout.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
}

/** One NDJSON line (an event, or the command's result while streaming). */
function printLine(value) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function warn(message) {
  process.stderr.write(`cdp-native: warning: ${message}\n`);
}

/**
 * Reports a failure as one line on stderr. A failed launch also carries the browser's last
 * stderr lines; they follow, indented, because they usually say why.
 */
function printError(error) {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) message += " (see 'cdp-native --help')";
  // The library's advice names its options; here the knob is --timeout.
  else if (error instanceof TimeoutError && error.method !== 'launch')
    message = `${error.method} timed out after ${error.timeout} ms (raise --timeout; 0 = no limit)`;
  const [first, ...details] = message.split('\n');
  process.stderr.write(`cdp-native: ${first}\n${details.map((line) => `  ${line}\n`).join('')}`);
}

module.exports = { printError, printJson, printLine, warn };
