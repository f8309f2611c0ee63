'use strict';
// Browser: a connection to one Chromium, launched or connected to, and the sessions on it.

const { EventEmitter } = require('node:events');
const { emitSafely } = require('./emit');
const { checkNewPageOptions, navigateAndWait } = require('./navigation');
const { closePage } = require('./close-page');

/** The page newPage() opens when given no url, and that needs no wait. */
const BLANK_PAGE = 'about:blank';

class Browser extends EventEmitter {
  #connection;
  #wsEndpoint;
  /** The launched browser's process, or null. */
  #process;
  /** Launched only: stops the browser and removes its temporary profile. */
  #shutdown;

  /**
   * Made by launch() and connect(), not by users. `shutdown(connection)` is given for a
   * launched browser: it closes the browser and removes its temporary profile.
   */
  constructor(connection, { wsEndpoint, process = null, shutdown } = {}) {
    super();
    this.#connection = connection;
    this.#wsEndpoint = wsEndpoint;
    this.#process = process;
    this.#shutdown = shutdown;
    connection.browser = this;
    connection.setOwner({
      onEvent: (method, params) => this.#onEvent(method, params),
      onClose: (ended) => emitSafely(this, 'disconnected', { ...ended }),
    });
  }

  /**
   * Makes the Browser for an open connection. Target discovery is turned on so that a
   * crashed target is reported (Target.targetCrashed), which ends its sessions instead of
   * leaving their calls pending forever.
   */
  static async attach(connection, options) {
    const browser = new Browser(connection, options);
    await connection.sendToBrowser('Target.setDiscoverTargets', { discover: true });
    return browser;
  }

  /**
   * Opens a page (`Target.createTarget`) and attaches a flat session to it. Given a url, it
   * waits for the page's `waitUntil` ('load' by default, as Puppeteer's goto; 'domcontentloaded';
   * 'none' returns once attached): the page starts blank, the wait is subscribed, then it
   * navigates, so the load cannot be missed. `timeout` bounds that wait (default: the
   * protocolTimeout). A page whose navigation fails or times out is closed.
   */
  async newPage(url = BLANK_PAGE, options = {}) {
    const { waitUntil, timeout } = checkNewPageOptions(url, options, this.#connection.protocolTimeout);
    if (waitUntil === 'none' || url === BLANK_PAGE) {
      const { targetId } = await this.#connection.sendToBrowser('Target.createTarget', { url });
      return this.newCDPSession(targetId);
    }
    const { targetId } = await this.#connection.sendToBrowser('Target.createTarget', { url: BLANK_PAGE });
    let session;
    try {
      session = await this.newCDPSession(targetId);
      await navigateAndWait(session, url, { waitUntil, timeout });
      // Leave the session as a fresh attach would be: the user turns on what they need.
      await session.send('Page.disable');
    } catch (error) {
      // Nobody else holds this page: do not leave it open behind a failed call.
      if (session) await closePage(session);
      else await this.#connection.sendToBrowser('Target.closeTarget', { targetId }).catch(() => {});
      throw error;
    }
    return session;
  }

  /** Attaches a flat session to the target `targetId`. */
  async newCDPSession(targetId) {
    const { sessionId } = await this.#connection.sendToBrowser('Target.attachToTarget', { targetId, flatten: true });
    return this.#sessionCreated(sessionId, 'Target.attachToTarget');
  }

  /** A session on the browser target itself (`Target.attachToBrowserTarget`), detachable. */
  async newBrowserCDPSession() {
    const { sessionId } = await this.#connection.sendToBrowser('Target.attachToBrowserTarget');
    return this.#sessionCreated(sessionId, 'Target.attachToBrowserTarget');
  }

  #sessionCreated(sessionId, method) {
    // Chromium announces the session (Target.attachedToTarget) before it replies, and the
    // connection creates the CDPSession on that announcement.
    const session = this.#connection.session(sessionId);
    if (!session) {
      const reason = this.#connection.end?.reason;
      throw new Error(
        reason === undefined
          ? `${method}: the browser replied with session ${sessionId} but never announced it`
          : `${method}: the browser disconnected: ${reason}`,
      );
    }
    return session;
  }

  /** All targets (`Target.getTargets`). */
  async targets() {
    const { targetInfos } = await this.#connection.sendToBrowser('Target.getTargets');
    return targetInfos;
  }

  /** `Browser.getVersion`. */
  version() {
    return this.#connection.sendToBrowser('Browser.getVersion');
  }

  /** The browser WebSocket URL, or undefined over a pipe. */
  get wsEndpoint() {
    return this.#wsEndpoint;
  }

  /** The launched browser's ChildProcess, else null. */
  get process() {
    return this.#process;
  }

  get connected() {
    return this.#connection.connected;
  }

  /** Launched: closes the browser and cleans up. Connected: the same as disconnect(). */
  async close() {
    if (!this.#shutdown) return this.disconnect();
    await this.#shutdown(this.#connection);
  }

  /** Closes the connection and leaves the browser running (over a pipe it exits too). */
  async disconnect() {
    await this.#connection.close('disconnect() was called');
  }

  /** Events of the browser session, by method name and as 'event'. */
  #onEvent(method, params) {
    emitSafely(this, method, params);
    if (this.listenerCount('event') > 0) emitSafely(this, 'event', { method, params });
  }
}

module.exports = { Browser };
