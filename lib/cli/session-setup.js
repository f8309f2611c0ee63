'use strict';
// Gets the command a session to work on: a launched or connected browser, then a new page,
// the browser session (--browser) or an existing target (--target). An endpoint that is no
// browser's (one page's WebSocket, Node's inspector) gives its own root session instead
// (connectTarget(); --target then picks from its /json/list). Each step registers its undo
// with the run, so a failure half-way still closes what was opened.

const { launch, connect, connectTarget } = require('../..');
const { closePage } = require('../close-page');
const { parseEndpoint } = require('../endpoint');
const { NotABrowserError } = require('../errors');

/**
 * Launches a headless Chromium (no endpoint given) or connects to the endpoint. `browser` is
 * null for an endpoint that is not a browser's (unless --browser needs one, which then fails).
 */
async function openBrowser(command, run) {
  if (command.endpoint === undefined) {
    // Launching keeps the library's own limit: --timeout is about commands, and a short one
    // should not make a slow start fail. Ctrl-C and SIGTERM are the run's to handle (a normal
    // end while streaming); the browser still goes when the process exits.
    const browser = await launch({ protocolTimeout: command.timeout, handleSIGINT: false, handleSIGTERM: false });
    run.onCleanup(() => browser.close());
    return { browser, launched: true };
  }
  let browser;
  try {
    browser = await connect({ endpoint: command.endpoint, protocolTimeout: command.timeout });
  } catch (error) {
    if (!(error instanceof NotABrowserError)) throw error;
    if (command.browserSession) throw new Error(`--browser needs a browser's endpoint. ${error.message}`, { cause: error });
    return { browser: null, launched: false };
  }
  // The user's browser keeps running.
  run.onCleanup(() => browser.disconnect());
  return { browser, launched: false };
}

/** The root session of an endpoint that is one target (connectTarget()). */
async function openTargetSession(command, run) {
  if (command.target !== undefined && /^wss?:/i.test(command.endpoint)) {
    const { label } = parseEndpoint(command.endpoint);
    throw new Error(`--target picks from the /json/list of an http://host:port endpoint; ${label} is one target's WebSocket already`);
  }
  const session = await connectTarget({ endpoint: command.endpoint, target: command.target, protocolTimeout: command.timeout });
  // detach() closes the connection; the target (a page, a Node process) runs on.
  run.onCleanup(() => session.detach());
  return { browser: null, session };
}

/** The session the command is sent on; `browser` is null for a target's own endpoint. */
async function openSession(command, run) {
  const { browser, launched } = await openBrowser(command, run);
  if (browser === null) return openTargetSession(command, run);
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
