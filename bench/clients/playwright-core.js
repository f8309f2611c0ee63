'use strict';
// playwright-core: connectOverCDP (slow, and not timed), then context.newCDPSession(page).
// Playwright's own session on the page is attached too, as it is for every Playwright user.

const { chromium } = require('playwright-core');

async function open(endpoint) {
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  return {
    async newPage() {
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      return { session, close: () => page.close() };
    },
    browserSession: () => browser.newBrowserCDPSession(),
    close: () => browser.close(),
  };
}

module.exports = { open };
