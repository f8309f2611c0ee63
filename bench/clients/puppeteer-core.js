'use strict';
// puppeteer-core's CDPSession, raw CDP, over Puppeteer's own WebSocket transport. Pages are
// attached through Puppeteer's Connection rather than made with browser.newPage(), whose Page
// object would enable domains on a session of its own and so handle every console event a
// second time. The pipe and cdp-native-transport rows reuse onBrowser() and onConnection().

const puppeteer = require('puppeteer-core');
const { Connection } = require('puppeteer-core');
const { NodeWebSocketTransport } = require('puppeteer-core/internal/node/NodeWebSocketTransport.js');

async function open(endpoint, server) {
  // The mock server cannot play a whole browser to puppeteer.connect(), so there we use
  // Puppeteer's Connection directly: the same Connection and CDPSession connect() builds on.
  if (server === 'mock') {
    const connection = new Connection(endpoint, await NodeWebSocketTransport.create(endpoint));
    return onConnection(connection, async () => connection.dispose());
  }
  const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, defaultViewport: null });
  return onBrowser(browser, () => browser.disconnect());
}

/** The bench's interface (see cdp-native.js) over a Puppeteer Browser; `close` ends it. */
async function onBrowser(browser, close) {
  const connection = (await browser.target().createCDPSession()).connection();
  return {
    async newPage() {
      const { targetId } = await connection.send('Target.createTarget', { url: 'about:blank' });
      const session = await connection.createSession({ targetId, type: 'page' });
      return { session, close: () => connection.send('Target.closeTarget', { targetId }) };
    },
    browserSession: () => browser.target().createCDPSession(),
    close,
  };
}

/** The same over a bare Puppeteer Connection to the mock server (which has no pages). */
function onConnection(connection, close) {
  return {
    newPage() {
      throw new Error('the mock server has no pages');
    },
    browserSession: () => connection.createSession({ targetId: 'mock-browser', type: 'browser' }),
    close,
  };
}

module.exports = { open, onBrowser, onConnection };
