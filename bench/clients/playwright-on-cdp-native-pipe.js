'use strict';
// Playwright on cdp-native's transport to a Chromium cdp-native launches over a pipe (the
// adapter's default): playwrightTransport() takes launch()'s options.

const cdpNative = require('../..');
const { available, overTransport } = require('./playwright-on-cdp-native');
const { CHROMIUM_PATH, settling } = require('./own-browser');

async function open() {
  const transport = await cdpNative.playwrightTransport({ executablePath: CHROMIUM_PATH });
  return settling(await overTransport(transport));
}

module.exports = { open, available };
