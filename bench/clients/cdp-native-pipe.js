'use strict';
// cdp-native over a pipe (its default transport) to a Chromium it launches itself: the
// endpoint is not used, and launching is not timed.

const { setTimeout: sleep } = require('node:timers/promises');
const { launch } = require('../..');
const { wrap } = require('./cdp-native');
const { CHROMIUM_PATH } = require('../browser');

/**
 * A Chromium just launched is still busy starting up for a moment (the WebSocket rows use the
 * shared browser, started long before): without this settle, the pipe row measured the
 * browser's start, about half the W1 rate of the same browser a second later.
 */
const SETTLE_MS = 1000;

async function open() {
  const browser = await launch({ executablePath: CHROMIUM_PATH, transport: 'pipe' });
  await sleep(SETTLE_MS);
  return wrap(browser);
}

module.exports = { open };
