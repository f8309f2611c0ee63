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
  /** How the transport ended, once it has; and whether the library has been told. */
  #end = undefined;
  #endTold = false;

  /**
   * Opens the transport for `options` (launch()'s or connect()'s); `where` names the call in
   * errors. `keepTexts`: see RawTransport.
   */
  async open(options, where, { keepTexts }) {
    const { raw, process, shutdown } = await openRawTransport(options, where, {
      keepTexts,
      onMessage: (message) => this.deliver(message),
      onEnd: (ended) => this.#ended(ended),
    });
    this.#raw = raw;
    this.process = process;
    this.#shutdown = shutdown;
    return this;
  }

  /** Hands one message text to the browser (subclasses: the library's send). */
  sendText(text) {
    if (this.#end !== undefined) {
      // It ended before the library listened (the browser died just after the launch): the
      // library hears of it now, not after its own timeout.
      if (!this.#endTold) queueMicrotask(() => this.#tell());
      return;
    }
    // A raw newline in JSON text is only whitespace between tokens (a string cannot hold
    // one), but it is what separates the messages of a burst (lib/outbox.js).
    this.#raw.send(text.indexOf('\n') === -1 ? text : text.replaceAll('\n', ' '));
  }

  #ended(end) {
    this.#end = end;
    this.#tell();
  }

  /** Tells the library (its onclose, through the subclass's `ended`) once it listens, once. */
  #tell() {
    if (this.#endTold || this.onclose === undefined) return;
    this.#endTold = true;
    this.ended(this.#end);
  }

  /**
   * Ends the connection; a launched browser is closed (killed if it does not exit in time)
   * and its profile removed, as browser.close() does. Resolves once done; never rejects.
   */
  close() {
    this.#closing ??= this.#finish().catch(() => {});
    return this.#closing;
  }

  async #finish() {
    if (this.#shutdown === null) return this.#raw.close(CLOSED_REASON);
    // Nothing more reaches the library while the browser is being closed.
    this.#raw.stopDelivering();
    await this.#shutdown();
    // The browser is gone; the end reaches the library (its onclose) before close() resolves.
    await this.#raw.close(CLOSED_REASON);
  }
}

module.exports = { LibraryTransport };
