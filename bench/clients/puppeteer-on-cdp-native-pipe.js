'use strict';
// Puppeteer on cdp-native's transport to a Chromium cdp-native launches over a pipe (the
// adapter's default): puppeteerTransport() takes launch()'s options.

const cdpNative = require('../..');
const { available, overTransport } = require('./puppeteer-on-cdp-native');
const { CHROMIUM_PATH, settling } = require('./own-browser');

async function open() {
  const transport = await cdpNative.puppeteerTransport({ executablePath: CHROMIUM_PATH });
  return settling(await overTransport(transport, 'browser'));
}

module.exports = { open, available };
