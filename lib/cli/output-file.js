'use strict';
// --output FILE: writes the base64 field of a result (Page.captureScreenshot's `data`) decoded
// into FILE, and puts where it went in the printed result instead of the base64 text.

const fs = require('node:fs');
const path = require('node:path');

/** Fails before anything is launched when FILE cannot be written: no folder, or a folder. */
function checkWritable({ file }) {
  const target = path.resolve(file);
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    // Not there yet: its folder must be.
  }
  if (stat?.isDirectory()) throw new Error(`--output ${file}: is a folder; give a file name`);
  try {
    fs.accessSync(stat ? target : path.dirname(target), fs.constants.W_OK);
  } catch (error) {
    throw new Error(`--output ${file}: cannot write there (${error.code ?? error.message})`, { cause: error });
  }
}

/**
 * Writes `result[field]` decoded into the file; returns the result to print, whose `field`
 * says `{ file, bytes }` instead.
 */
function writeOutput({ file, field }, method, result) {
  const encoded = result?.[field];
  if (typeof encoded !== 'string') {
    const fields = Object.keys(result ?? {});
    throw new Error(`--output ${file}: the result of ${method} has no ${field} to write (its fields: ${fields.join(', ') || 'none'})`);
  }
  const bytes = Buffer.from(encoded, 'base64');
  fs.writeFileSync(file, bytes);
  return { ...result, [field]: { file: path.resolve(file), bytes: bytes.length } };
}

module.exports = { checkWritable, writeOutput };
