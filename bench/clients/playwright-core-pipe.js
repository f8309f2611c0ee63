'use strict';
// playwright-core over its own pipe: chromium.launch() of a Chromium of its own (Playwright
// always speaks to a browser it launched over --remote-debugging-pipe), with the flags every
// pipe client's browser gets (own-browser.js) instead of Playwright's defaults. Without its
// defaults Playwright does not name a profile, so this gives one, and removes it after close.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { onBrowser } = require('./playwright-core');
const { CHROMIUM_PATH, FLAGS, START_PAGE, settling } = require('./own-browser');

async function open() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-bench-playwright-'));
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      ignoreDefaultArgs: true,
      args: [...FLAGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, START_PAGE],
    });
    // launch() makes no context of its own; one for all of this run's pages.
    const context = await browser.newContext();
    return settling(
      onBrowser(browser, context, async () => {
        await browser.close();
        removeProfile();
      }),
    );
  } catch (error) {
    await browser?.close().catch(() => {}); // the launch failure is the error to report
    removeProfile();
    throw error;
  }
}

module.exports = { open };
