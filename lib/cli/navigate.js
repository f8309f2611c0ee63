'use strict';
// --url: navigates the page and waits until that navigation's document has loaded (the
// library's navigateAndWait, which subscribes before navigating), with the command's wording.

const { TargetClosedError, TimeoutError } = require('../errors');
const { navigateAndWait } = require('../navigation');

/** True when the user streams Page.lifecycleEvent, so it must stay on after the navigation. */
function streamsLifecycle(events) {
  return (events ?? []).some(({ domain, event }) => domain === 'Page' && (event === '*' || event === 'lifecycleEvent'));
}

async function navigate(session, url, { timeout, events }) {
  try {
    await navigateAndWait(session, url, { waitUntil: 'load', timeout, keepLifecycleEvents: streamsLifecycle(events) });
  } catch (error) {
    if (error instanceof TimeoutError) {
      throw new Error(`--url ${url}: the page did not finish loading within ${timeout} ms (raise --timeout)`, { cause: error });
    }
    if (error instanceof TargetClosedError) {
      throw new Error(`--url ${url}: the page went away while loading: ${error.message}`, { cause: error });
    }
    if (error.errorText !== undefined) throw new Error(`--url ${url}: the navigation failed: ${error.errorText}`, { cause: error });
    throw error;
  }
}

module.exports = { navigate };
