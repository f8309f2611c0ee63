'use strict';
// Gets the command a session to work on: a launched or connected browser, then a new page,
// the browser session (--browser) or an existing target (--target). Each step registers its
// undo with the run, so a failure half-way still closes what was opened.

const { launch, connect } = require('../..');
const { closePage } = require('../close-page');

/** Launches a headless Chromium (no endpoint given) or connects to the endpoint. */
async function openBrowser(command, run) {
  if (command.endpoint === undefined) {
    // Launching keeps the library's own limit: --timeout is about commands, and a short one
    // should not make a slow start fail. Ctrl-C and SIGTERM are the run's to handle (a normal
    // end while streaming); the browser still goes when the process exits.
    const browser = await launch({ protocolTimeout: command.timeout, handleSIGINT: false, handleSIGTERM: false });
    run.onCleanup(() => browser.close());
    return { browser, launched: true };
  }
  const browser = await connect({ endpoint: command.endpoint, protocolTimeout: command.timeout });
  // The user's browser keeps running.
  run.onCleanup(() => browser.disconnect());
  return { browser, launched: false };
}

/** The session the command is sent on. */
async function openSession(command, run) {
  const { browser, launched } = await openBrowser(command, run);
  let session;
  if (command.browserSession) {
    session = await browser.newBrowserCDPSession();
    run.onCleanup(() => session.detach());
  } else if (command.target !== undefined) {
    session = await browser.newCDPSession(command.target);
    // Someone else's target: leave it open.
    run.onCleanup(() => session.detach());
  } else {
    session = await browser.newPage();
    // In a launched browser the page goes with the browser; in the user's, close what we opened.
    if (!launched) run.onCleanup(() => closePage(session));
  }
  return { browser, session };
}

module.exports = { openBrowser, openSession };
