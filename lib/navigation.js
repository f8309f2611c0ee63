'use strict';
// Navigates a page session and waits until the new document reached a lifecycle point ('load'
// or 'DOMContentLoaded'), with no race: the wait is subscribed before Page.navigate is sent.
// Used by browser.newPage(url) and the command's --url.
//
// Which events count: enabling lifecycle events makes Chromium replay those of the current
// document first, before it answers; their loaderIds are noted and ignored, so only a document
// this navigation brought (or one that replaced it, a client-side redirect) can end the wait.
// The page's main frame has the target's id.

const { TimeoutError } = require('./errors');
const { MAX_TIMEOUT_MS } = require('./event-waiters');

/** `waitUntil` → the Page.lifecycleEvent name it waits for. */
const LIFECYCLE_EVENT_OF = { load: 'load', domcontentloaded: 'DOMContentLoaded' };
/** What `waitUntil` may be: a lifecycle point, or 'none' (the caller does not navigate this way). */
const WAIT_UNTIL = [...Object.keys(LIFECYCLE_EVENT_OF), 'none'];

/**
 * Navigates `session` to `url` and resolves once `waitUntil` ('load' or 'domcontentloaded') is
 * reached, or at once for a same-document navigation. Rejects with an Error naming the url when
 * the navigation fails (its `errorText` is Chromium's, e.g. net::ERR_NAME_NOT_RESOLVED), a
 * TimeoutError after `timeout` ms (0 = none), or a TargetClosedError when the page goes. Page
 * stays enabled; lifecycle events are turned off again unless `keepLifecycleEvents`.
 */
async function navigateAndWait(session, url, { waitUntil = 'load', timeout, keepLifecycleEvents = false }) {
  const lifecycleName = LIFECYCLE_EVENT_OF[waitUntil];
  const frameId = session.targetId;
  const earlier = new Set();
  let navigating = false;
  const noteEarlier = ({ loaderId }) => {
    if (!navigating) earlier.add(loaderId);
  };
  session.on('Page.lifecycleEvent', noteEarlier);
  const cancel = new AbortController();
  let reached;
  try {
    await session.send('Page.enable');
    await session.send('Page.setLifecycleEventsEnabled', { enabled: true });
    // The replayed events came before that reply, and this code runs before any later message.
    navigating = true;
    reached = session.waitForEvent('Page.lifecycleEvent', {
      timeout,
      signal: cancel.signal,
      predicate: (event) => event.name === lifecycleName && event.frameId === frameId && !earlier.has(event.loaderId),
    });
    // It may reject while Page.navigate is pending; that is handled below, not unhandled.
    reached.catch(() => {});
    const navigated = session.send('Page.navigate', { url });
    // A timeout or the page's end is seen even while Page.navigate waits for the server.
    const { errorText, loaderId } = await Promise.race([navigated, reached.then(() => navigated)]);
    if (errorText) throw Object.assign(new Error(`Page.navigate to ${url} failed: ${errorText}`), { url, errorText });
    // No loaderId: a same-document navigation (a #fragment), which loads nothing.
    if (loaderId !== undefined) await reached;
  } catch (error) {
    if (error instanceof TimeoutError && error.method === 'Page.lifecycleEvent') {
      // Say what was waited for; the stack (the caller's) stays.
      const message = `Page.navigate to ${url}: the page did not reach '${waitUntil}' within ${timeout} ms`;
      error.stack = `${error.name}: ${message}${error.stack.slice(error.stack.indexOf('\n'))}`;
      error.message = message;
    }
    throw error;
  } finally {
    cancel.abort();
    session.off('Page.lifecycleEvent', noteEarlier);
  }
  if (!keepLifecycleEvents) await session.send('Page.setLifecycleEventsEnabled', { enabled: false });
}

/** newPage()'s options, checked: a TypeError naming the bad one. */
function checkNewPageOptions(url, options, protocolTimeout) {
  if (typeof url !== 'string' || url === '') {
    throw new TypeError(`newPage(url): url must be a non-empty string such as 'https://example.com', got ${typeof url}`);
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(
      `newPage(url, options): options must be an object such as { waitUntil: 'load' }, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const unknown = Object.keys(options).find((key) => key !== 'waitUntil' && key !== 'timeout');
  if (unknown !== undefined)
    throw new TypeError(`newPage(url, options): unknown option ${JSON.stringify(unknown)}; the options are waitUntil, timeout`);
  // A protocolTimeout past setTimeout's range (Infinity) means none, as 0 does.
  const { waitUntil = 'load', timeout = protocolTimeout > MAX_TIMEOUT_MS ? 0 : protocolTimeout } = options;
  if (!WAIT_UNTIL.includes(waitUntil)) {
    throw new TypeError(
      `newPage(url, options): waitUntil must be one of ${WAIT_UNTIL.map((w) => `'${w}'`).join(', ')}, got ${JSON.stringify(waitUntil)}`,
    );
  }
  if (!(typeof timeout === 'number' && timeout >= 0 && timeout <= MAX_TIMEOUT_MS)) {
    throw new TypeError(
      `newPage(url, options): timeout must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS} (0 = none), got ${JSON.stringify(timeout)}`,
    );
  }
  return { waitUntil, timeout };
}

module.exports = { checkNewPageOptions, navigateAndWait, WAIT_UNTIL };
