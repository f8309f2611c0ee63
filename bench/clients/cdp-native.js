'use strict';
// cdp-native over a WebSocket to the shared Chromium (or the mock server).
//
// Every client module exports `open(endpoint, server)` (server: 'browser' or 'mock'), which
// resolves with a connection:
//   newPage()        → { session, close() }: a flat session on a new about:blank page
//   browserSession() → session: a session on the browser target (the mock has no pages)
//   rootSession()    → optional: the endpoint's own session (no sessionId), which the mock
//                      workloads take when a client has it (workloads/mock.js)
//   close()          → disconnects, leaving the browser running (a pipe client's own
//                      browser ends with it)
//   settle()         → optional: a pipe client waits here for its new browser to go quiet
//                      (clients/own-browser.js); the workloads call it just before timing
// where a session has `send(method, params) → Promise<result>` and `on(event, listener)`.

const { connect, connectTarget } = require('../..');

async function open(endpoint, server) {
  if (server !== 'mock') return wrap(await connect(endpoint));
  // The mock workloads run on connectTarget()'s root session, the lighter path (bench/README.md);
  // a Browser is connected only if asked for.
  const root = await connectTarget(endpoint);
  let browser;
  const getBrowser = () => (browser ??= connect(endpoint));
  return {
    rootSession: async () => root,
    browserSession: async () => (await getBrowser()).newBrowserCDPSession(),
    newPage: async () => wrap(await getBrowser()).newPage(),
    close: async () => {
      await root.detach();
      if (browser) await (await browser).disconnect();
    },
  };
}

/** Shared with cdp-native-pipe.js: the same interface over any cdp-native Browser. */
function wrap(browser) {
  let browserSession;
  const getBrowserSession = () => (browserSession ??= browser.newBrowserCDPSession());
  return {
    async newPage() {
      const session = await browser.newPage();
      return {
        session,
        close: async () => (await getBrowserSession()).send('Target.closeTarget', { targetId: session.targetId }),
      };
    },
    browserSession: getBrowserSession,
    close: () => browser.close(),
  };
}

module.exports = { open, wrap };
