'use strict';
// Puppeteer on cdp-native's transport (issue 13): puppeteer.connect({ transport }) with the
// ConnectionTransport of require('cdp-native').puppeteerTransport({ endpoint }), to the shared
// Chromium; on the mock, Puppeteer's Connection over it (as puppeteer-core.js does). Reported
// as not available while cdp-native has no puppeteerTransport().

const puppeteer = require('puppeteer-core');
const { Connection } = require('puppeteer-core');
const cdpNative = require('../..');
const { onBrowser, onConnection } = require('./puppeteer-core');

/** true, or why this client cannot run. */
function available() {
  return typeof cdpNative.puppeteerTransport === 'function' || 'cdp-native has no puppeteerTransport() yet (issue 13)';
}

async function open(endpoint, server) {
  return overTransport(await cdpNative.puppeteerTransport({ endpoint }), server, endpoint);
}

/**
 * Shared with the pipe row. transport.close() ends the connection (and a browser cdp-native
 * launched, with its profile); Puppeteer hears of it through onclose.
 */
async function overTransport(transport, server, url = '') {
  const close = async () => transport.close();
  if (server === 'mock') return onConnection(new Connection(url, transport), close);
  try {
    return await onBrowser(await puppeteer.connect({ transport, defaultViewport: null }), close);
  } catch (error) {
    await close(); // a launched browser must not outlive a failed connect
    throw error;
  }
}

module.exports = { open, available, overTransport };
