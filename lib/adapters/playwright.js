'use strict';
// playwrightTransport(): a playwright-core ConnectOverCDPTransport on cdp-native's transport,
// for `chromium.connectOverCDP(transport)`. Playwright's CRConnection assigns `onmessage` and
// `onclose` and clears them on close; its messages are objects both ways: what it sends is
// stringified once, what arrives is parsed once (a batch in one go, lib/inbox.js). It awaits
// close() when it closes the browser, and expects `onclose` after it.

const { LibraryTransport } = require('./library-transport');

class PlaywrightTransport extends LibraryTransport {
  /** Playwright's: `(message: object) => void`. */
  onmessage = undefined;
  /** Playwright's: `(reason?: string) => void`, called once with the cause sentence. */
  onclose = undefined;

  send(message) {
    this.sendText(JSON.stringify(message));
  }

  deliver(message) {
    this.onmessage?.(message);
  }

  ended({ reason }) {
    this.onclose?.(reason);
  }
}

/** Options: launch()'s (a browser launched over a pipe by default), or connect()'s. */
function playwrightTransport(options) {
  return new PlaywrightTransport().open(options, 'playwrightTransport()', { keepTexts: false });
}

module.exports = { playwrightTransport };
