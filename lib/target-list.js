'use strict';
// connectTarget()'s endpoint resolution: a ws:// or wss:// URL is the target's own; an
// http(s) origin is read through GET /json/list, and one target of it picked by
// `options.target` (an id, or a function of the list), by default the first page, else the
// first target, as chrome-remote-interface does. Errors say what the list held.

const { getJson, hostIsAccepted, quoteText, rebasedWebSocketUrl, resolveEndpoint, resolveHost } = require('./endpoint');

/** Chromium's WebSocket path of one target: /devtools/<type>/<id>. */
const TARGET_PATH = /^\/devtools\/[\w-]+\/([^/]+)$/;

/** An entry of /json/list that can be connected to. */
function hasWebSocket(entry) {
  return entry !== null && typeof entry === 'object' && typeof entry.webSocketDebuggerUrl === 'string';
}

/** How a list entry is named in errors. */
function nameOf(entry) {
  return entry !== null && typeof entry === 'object' && typeof entry.id === 'string'
    ? `target ${quoteText(entry.id)}`
    : 'the target chosen';
}

/** The entry `choice` (connectTarget()'s `target` option) picks from `list`. */
function pick(list, choice) {
  if (typeof choice === 'string') {
    const found = list.find((entry) => entry?.id === choice);
    if (found === undefined) {
      const ids = list.map((entry) => quoteText(entry?.id)).join(', ');
      throw new Error(`its /json/list has no target with id ${quoteText(choice)} (it lists ${ids})`);
    }
    return found;
  }
  if (typeof choice === 'function') {
    let chosen;
    try {
      // A copy: what the function does to its argument does not change the list.
      chosen = choice(list.map((entry) => (entry !== null && typeof entry === 'object' ? { ...entry } : entry)));
    } catch (error) {
      throw new Error(`options.target threw: ${error?.message ?? String(error)}`, { cause: error });
    }
    if (Number.isInteger(chosen) && chosen >= 0 && chosen < list.length) return list[chosen];
    if (chosen !== null && typeof chosen === 'object' && !Array.isArray(chosen)) return chosen;
    throw new TypeError(`options.target must return one of the targets it is given (or its index), got ${quoteText(chosen)}`);
  }
  const usable = list.filter(hasWebSocket);
  if (usable.length === 0) {
    // Chromium leaves the URL out of a target another client (a DevTools window) is attached to.
    throw new Error(`its /json/list lists ${list.length} target${list.length === 1 ? '' : 's'}, none with a webSocketDebuggerUrl`);
  }
  return usable.find((entry) => entry.type === 'page') ?? usable[0];
}

/**
 * `{ url, targetId }`: the WebSocket URL to open for the parsed endpoint (`parseEndpoint`)
 * and the target's id when known. `signal` aborts the /json/list request.
 */
async function resolveTarget(parsed, { target, headers }, signal) {
  const { url } = parsed;
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    return { url: await resolveEndpoint(parsed, headers, signal), targetId: TARGET_PATH.exec(url.pathname)?.[1] };
  }
  const listUrl = new URL('/json/list', url.origin);
  if (url.protocol === 'http:' && !hostIsAccepted(url.hostname)) listUrl.hostname = await resolveHost(url);
  const list = await getJson(listUrl, { headers: { ...headers }, signal });
  if (!Array.isArray(list)) throw new Error(`its /json/list answer is not a JSON array: ${quoteText(JSON.stringify(list))}`);
  if (list.length === 0) throw new Error('its /json/list lists no targets');
  const entry = pick(list, target);
  if (!hasWebSocket(entry)) {
    throw new Error(
      `its /json/list gives ${nameOf(entry)} no webSocketDebuggerUrl (Chromium leaves it out while another client is attached)`,
    );
  }
  const targetId = typeof entry.id === 'string' ? entry.id : undefined;
  return { url: await rebasedWebSocketUrl(entry.webSocketDebuggerUrl, url, 'its /json/list'), targetId };
}

module.exports = { resolveTarget };
