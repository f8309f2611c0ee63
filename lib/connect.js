'use strict';
// connect(): attaches to a browser that is already running (lib/open-connection.js opens the
// connection under connect()'s one deadline). An endpoint that turns out not to be a
// browser's is refused with an error naming connectTarget().

const { Browser } = require('./browser');
const { connectionLink } = require('./connection-link');
const { resolveEndpoint } = require('./endpoint');
const { ProtocolError, notABrowser } = require('./errors');
const { openConnection } = require('./open-connection');
const { checkOptions } = require('./options');

/** CDP's "method not found" (JSON-RPC's code), as a server without a Target domain answers. */
const METHOD_NOT_FOUND = -32601;

/** Chromium's WebSocket paths of single targets (/devtools/page/<id>, /devtools/worker/<id>, …). */
const TARGET_PATH = /^\/devtools\/(?!browser\/)[\w-]+\/[^/]+$/;

/** connect()'s options, checked; `where` names the call in errors. */
function checkedConnectOptions(endpointOrOptions, where = 'connect()') {
  const options = typeof endpointOrOptions === 'string' ? { endpoint: endpointOrOptions } : endpointOrOptions;
  const checked = checkOptions('connect', options ?? {}, where);
  if (checked.endpoint === undefined || options == null) {
    throw new TypeError(
      `${where}: pass an endpoint URL string or { endpoint, headers?, timeout?, signal?, protocolTimeout?, maxMessageSize? }`,
    );
  }
  return checked;
}

/** The browser WebSocket URL; one target's own URL is refused before anything is opened. */
function resolveBrowserEndpoint(parsed, headers, signal) {
  const { url } = parsed;
  if ((url.protocol === 'ws:' || url.protocol === 'wss:') && TARGET_PATH.test(url.pathname)) {
    throw notABrowser(`${url.pathname.split('/', 3).join('/')}/… is the WebSocket of one target`);
  }
  return resolveEndpoint(parsed, headers, signal);
}

/** The Browser; a peer that does not know Target.setDiscoverTargets is no browser. */
async function attachBrowser(connection, wsEndpoint) {
  try {
    return await Browser.attach(connection, { wsEndpoint });
  } catch (error) {
    if (error instanceof ProtocolError && error.code === METHOD_NOT_FOUND) throw notABrowser(error.message, { cause: error });
    throw error;
  }
}

/**
 * Opens `link` (see lib/launcher.js, startBrowser: what uses the browser) to the browser at
 * the checked `options.endpoint`, under one deadline; `attach(connection, wsEndpoint)` makes
 * what is returned. `where` names the entry point; `trace` is an Error made by its caller.
 */
function connectThrough({ where, options, link, attach, trace }) {
  return openConnection({
    where,
    options,
    trace,
    link,
    resolve: (parsed, signal) => resolveBrowserEndpoint(parsed, options.headers, signal),
    attach,
  });
}

async function connect(endpointOrOptions) {
  // Captured now: a timeout or abort fires in a later task whose stack shows no caller.
  const trace = new Error();
  const options = checkedConnectOptions(endpointOrOptions);
  return connectThrough({ where: 'connect', options, link: connectionLink(options), attach: attachBrowser, trace });
}

module.exports = { connect, connectThrough, checkedConnectOptions };
