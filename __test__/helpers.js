'use strict';
// Shared by the tests: a real Chromium per transport, and small waiting helpers.

const { launch } = require('..');

/** Both ways cdp-native talks to a launched browser. */
const TRANSPORTS = ['pipe', 'websocket'];

/** Launches a browser for one test file; `t.after` closes it. */
async function launchFor(t, options = {}) {
  const browser = await launch(options);
  t.after(() => browser.close());
  return browser;
}

/** Resolves with the first emission of `eventName` (its first argument). */
function nextEvent(emitter, eventName, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${eventName} within ${timeoutMs} ms`)), timeoutMs);
    emitter.once(eventName, (value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { TRANSPORTS, launchFor, nextEvent, sleep };
