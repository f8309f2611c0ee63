'use strict';
// puppeteer-core over its own pipe: launch({ pipe: true }) of a Chromium of its own, with the
// flags every pipe client's browser gets (own-browser.js) instead of Puppeteer's defaults.
// Puppeteer adds --remote-debugging-pipe and a temporary profile, which browser.close() removes.

const puppeteer = require('puppeteer-core');
const { onBrowser } = require('./puppeteer-core');
const { CHROMIUM_PATH, FLAGS, START_PAGE, settling } = require('./own-browser');

async function open() {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    pipe: true,
    ignoreDefaultArgs: true,
    args: [...FLAGS, START_PAGE],
    defaultViewport: null,
  });
  return settling(await onBrowser(browser, () => browser.close()));
}

module.exports = { open };
