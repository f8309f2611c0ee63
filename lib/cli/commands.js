'use strict';
// `list`, `version` (Chromium's HTTP endpoints), `new` and `close` (Target commands over CDP,
// which work for a ws:// endpoint too and need no PUT, as Chromium's /json/new does).

const { connect } = require('../..');
const { fetchJson } = require('./http-helpers');
const { printJson } = require('./output');

async function runList(command) {
  printJson(await fetchJson(command.endpoint, '/json/list', command.timeout));
}

async function runVersion(command) {
  printJson(await fetchJson(command.endpoint, '/json/version', command.timeout));
}

/** Runs `work(browserSession)` on a connection to the endpoint, then disconnects. */
async function withBrowserSession(command, run, work) {
  const browser = await connect({ endpoint: command.endpoint, protocolTimeout: command.timeout });
  run.onCleanup(() => browser.disconnect());
  return work(await browser.newBrowserCDPSession());
}

/** Opens a tab (it stays open) and prints its TargetInfo. */
async function runNew(command, run) {
  await withBrowserSession(command, run, async (session) => {
    const { targetId } = await session.send('Target.createTarget', { url: command.url ?? 'about:blank' });
    const { targetInfo } = await session.send('Target.getTargetInfo', { targetId });
    printJson(targetInfo);
  });
}

async function runClose(command, run) {
  await withBrowserSession(command, run, async (session) => {
    printJson(await session.send('Target.closeTarget', { targetId: command.id }));
  });
}

module.exports = { runClose, runList, runNew, runVersion };
