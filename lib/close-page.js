'use strict';
// Closes a page through its session and waits until it is gone, for the pages cdp-native
// opened itself (newPage() after a failed load, the command's own page).

/** How long to wait for a closed page to go before asking again, and how many times to ask. */
const CLOSE_WAIT_MS = 500;
const CLOSE_ATTEMPTS = 3;

/**
 * Closes the page of `session` and resolves once the session has ended (or after the last
 * attempt). Chromium answers Target.closeTarget with success yet keeps the page when the
 * close comes just after a navigation commits (seen with Chromium 156 right after
 * Page.navigate); asking again works. Never rejects.
 */
async function closePage(session) {
  let gone = false;
  const ended = session.waitForEvent('detached', { timeout: 0 }).then(() => {
    gone = true;
  });
  for (let attempt = 0; attempt < CLOSE_ATTEMPTS && !gone; attempt++) {
    await session.send('Target.closeTarget', { targetId: session.targetId }).catch(() => {});
    let timer;
    await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }
}

module.exports = { closePage };
