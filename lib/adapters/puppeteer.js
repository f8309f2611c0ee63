'use strict';
// puppeteerTransport(): a puppeteer-core ConnectionTransport on cdp-native's transport, for
// `puppeteer.connect({ transport })`. Puppeteer's Connection assigns `onmessage` and
// `onclose` after construction and clears them on close. Its messages are strings both ways:
// what it sends goes on as it is, and a message that arrived alone reaches it unparsed.

const { LibraryTransport } = require('./library-transport');

class PuppeteerTransport extends LibraryTransport {
  /** Puppeteer's: `(message: string) => void`. */
  onmessage = undefined;
  /** Puppeteer's: `() => void`, called once when the transport ends for any reason. */
  onclose = undefined;

  send(message) {
    this.sendText(message);
  }

  deliver(message) {
    // A message of a batch was parsed with it (lib/inbox.js): Puppeteer wants its text.
    this.onmessage?.(typeof message === 'string' ? message : JSON.stringify(message));
  }

  ended() {
    this.onclose?.();
  }
}

/** Options: launch()'s (a browser launched over a pipe by default), or connect()'s. */
function puppeteerTransport(options) {
  return new PuppeteerTransport().open(options, 'puppeteerTransport()', { keepTexts: true });
}

module.exports = { puppeteerTransport };
