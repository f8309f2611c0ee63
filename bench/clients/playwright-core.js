'use strict';
// playwright-core: connectOverCDP (slow, and not timed), then context.newCDPSession(page).
// Playwright's own session on the page is attached too, as it is for every Playwright user.
// The pipe and cdp-native-transport rows reuse onBrowser().

const { chromium } = require('playwright-core');

async function open(endpoint) {
  const browser = await chromium.connectOverCDP(endpoint);
  return onBrowser(browser, browser.contexts()[0], () => browser.close());
}

/**
 * The bench's interface (see cdp-native.js) over a Playwright Browser, its pages made in
 * `context`; `close` ends it. On the mock server only browserSession() is used.
 */
function onBrowser(browser, context, close) {
  return {
    async newPage() {
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      return { session, close: () => page.close() };
    },
    browserSession: () => browser.newBrowserCDPSession(),
    close,
  };
}

module.exports = { open, onBrowser };
