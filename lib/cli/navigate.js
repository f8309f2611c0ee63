'use strict';
// --url: navigates the page and waits until that navigation's document has loaded.
// It waits for the main frame's 'load' lifecycle event with the navigation's loaderId rather
// than for any Page.loadEventFired, which could belong to the page's earlier document.

/** True when the user streams Page.lifecycleEvent, so it must stay on after the navigation. */
function streamsLifecycle(events) {
  return (events ?? []).some(({ domain, event }) => domain === 'Page' && (event === '*' || event === 'lifecycleEvent'));
}

async function navigate(session, url, { timeout, events }) {
  await session.send('Page.enable');
  await session.send('Page.setLifecycleEventsEnabled', { enabled: true });

  // Listen before navigating: the load can come before Page.navigate's reply is handled.
  const loaded = new Set();
  let wake;
  const onLifecycle = ({ frameId, loaderId, name }) => {
    if (name !== 'load') return;
    loaded.add(`${frameId} ${loaderId}`);
    wake?.();
  };
  session.on('Page.lifecycleEvent', onLifecycle);
  let timer;
  let onDetached;
  try {
    const { frameId, loaderId, errorText } = await session.send('Page.navigate', { url });
    if (errorText) throw new Error(`--url ${url}: the navigation failed: ${errorText}`);
    // No loaderId: a same-document navigation (a #fragment), which loads nothing.
    if (loaderId === undefined) return;
    const key = `${frameId} ${loaderId}`;
    await new Promise((resolve, reject) => {
      wake = () => loaded.has(key) && resolve();
      wake();
      onDetached = ({ reason }) => reject(new Error(`--url ${url}: the page went away while loading: ${reason}`));
      session.once('detached', onDetached);
      if (timeout > 0) {
        timer = setTimeout(() => reject(new Error(`--url ${url}: the page did not finish loading within ${timeout} ms (raise --timeout)`)), timeout);
      }
    });
  } finally {
    clearTimeout(timer);
    session.off('Page.lifecycleEvent', onLifecycle);
    if (onDetached) session.off('detached', onDetached);
  }
  if (!streamsLifecycle(events)) await session.send('Page.setLifecycleEventsEnabled', { enabled: false });
}

module.exports = { navigate };
