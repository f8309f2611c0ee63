'use strict';
// cdp-native over a pipe (its default transport) to a Chromium it launches itself: the
// endpoint is not used, and launching is not timed.

const { launch } = require('../..');
const { wrap } = require('./cdp-native');
const { CHROMIUM_PATH, settling } = require('./own-browser');

async function open() {
  return settling(wrap(await launch({ executablePath: CHROMIUM_PATH, transport: 'pipe' })));
}

module.exports = { open };
