'use strict';
// What Puppeteer's and Playwright's transports share (lib/adapters/puppeteer.js,
// playwright.js): the RawTransport under them, the launched browser's process, and close().

const { openRawTransport } = require('./raw-transport');

/** The `close` cause's reason when the library (or its user) closes the transport. */
const CLOSED_REASON = 'transport.close() was called';

class LibraryTransport {
  /** The launched browser's ChildProcess; null when connected to a running browser. */
  process = null;
  #raw = null;
  /** Closes a launched browser and removes its profile; null when connected. */
  #shutdown = null;
  #closing = null;

  /**
   * Opens the transport for `options` (launch()'s or connect()'s); `where` names the call in
   * errors. `keepTexts`: see RawTransport.
   */
  async open(options, where, { keepTexts }) {
    const { raw, process, shutdown } = await openRawTransport(options, where, {
      keepTexts,
      onMessage: (message) => this.deliver(message),
      onEnd: (ended) => this.ended(ended),
    });
    this.#raw = raw;
    this.process = process;
    this.#shutdown = shutdown;
    return this;
  }

  /** Hands one message text to the browser (subclasses: the library's send). */
  sendText(text) {
    this.#raw.send(text);
  }

  /**
   * Ends the connection; a launched browser is closed (killed if it does not exit in time)
   * and its profile removed, as browser.close() does. Resolves once done; never rejects.
   */
  close() {
    this.#closing ??= this.#end().catch(() => {});
    return this.#closing;
  }

  #end() {
    if (this.#shutdown === null) return this.#raw.close(CLOSED_REASON);
    // Nothing more reaches the library while the browser is being closed.
    this.#raw.stopDelivering();
    return this.#shutdown();
  }
}

module.exports = { LibraryTransport };
