'use strict';
// connect(): attaches to a browser that is already running. One deadline (`timeout`, and the
// caller's `signal`) bounds the whole of it: the /json/version request, the WebSocket upgrade
// and the first command. Whatever fails, what was opened is closed.

const { Browser } = require('./browser');
const { connectionLink } = require('./connection-link');
const { Deadline } = require('./deadline');
const { parseEndpoint, resolveEndpoint } = require('./endpoint');
const { TimeoutError, withCallerStack } = require('./errors');
const { checkOptions } = require('./options');

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

/**
 * Opens `link` (see lib/launcher.js, startBrowser: what uses the browser) to the browser at
 * the checked `options.endpoint`; then `attach(wsEndpoint)` makes what is returned, within
 * the deadline. `trace` is an Error made by the caller, whose stack the errors get.
 */
async function connectThrough(options, link, attach, trace) {
  const { label } = parseEndpoint(options.endpoint);
  const deadline = new Deadline({
    timeout: options.timeout,
    signal: options.signal,
    method: 'connect',
    makeTimeoutError: () => new TimeoutError('connect', options.timeout, 'the timeout option of connect() (0 waits as long as it takes)'),
  });
  let opened = false;
  try {
    const url = await deadline.race(resolveEndpoint(parseEndpoint(options.endpoint), options.headers, deadline.signal));
    const opening = link.openWebSocket(url, deadline.signal);
    // An upgrade done just as the deadline passed is closed at once.
    opening.then(
      () => deadline.error && link.close(`connect() gave up: ${deadline.error.message}`),
      () => {},
    );
    await deadline.race(opening);
    opened = true;
    // Ending the connection rejects the first command, should it never be answered.
    deadline.onEnd(() => link.close(`connect() gave up: ${deadline.error.message}`));
    return await attach(url);
  } catch (error) {
    if (opened && link.connected) await link.close(`connect() failed: ${error.message}`);
    const ended = deadline.error;
    if (ended) {
      ended.message = `Cannot connect to ${label}: ${ended.message}`;
      throw withCallerStack(ended, trace);
    }
    throw withCallerStack(new Error(`Cannot connect to ${label}: ${error.message}`, { cause: error }), trace);
  } finally {
    deadline.clear();
  }
}

async function connect(endpointOrOptions) {
  // Captured now: a timeout or abort fires in a later task whose stack shows no caller.
  const trace = new Error();
  const options = checkedConnectOptions(endpointOrOptions);
  const link = connectionLink(options);
  return connectThrough(options, link, (wsEndpoint) => Browser.attach(link.connection, { wsEndpoint }), trace);
}

module.exports = { connect, connectThrough, checkedConnectOptions };
