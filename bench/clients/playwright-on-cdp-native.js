'use strict';
// Playwright on cdp-native's transport (issue 13): chromium.connectOverCDP(transport) with the
// ConnectOverCDPTransport of require('cdp-native').playwrightTransport({ endpoint }), to the
// shared Chromium or the mock server. Reported as not available while cdp-native has no
// playwrightTransport().

const { chromium } = require('playwright-core');
const cdpNative = require('../..');
const { onBrowser } = require('./playwright-core');

/** true, or why this client cannot run. */
function available() {
  return typeof cdpNative.playwrightTransport === 'function' || 'cdp-native has no playwrightTransport() yet (issue 13)';
}

async function open(endpoint) {
  return overTransport(await cdpNative.playwrightTransport({ endpoint }));
}

/**
 * Shared with the pipe row. Playwright's browser.close() of a connected browser awaits
 * transport.close(), which ends the connection (and a browser cdp-native launched, with its
 * profile).
 */
async function overTransport(transport) {
  let browser;
  try {
    browser = await chromium.connectOverCDP(transport);
  } catch (error) {
    await transport.close(); // a launched browser must not outlive a failed connect
    throw error;
  }
  return onBrowser(browser, browser.contexts()[0], () => browser.close());
}

module.exports = { open, available, overTransport };
