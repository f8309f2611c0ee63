'use strict';
// connect(): attaches to a browser that is already running. One deadline (`timeout`, and the
// caller's `signal`) bounds the whole of it: the /json/version request, the WebSocket upgrade
// and the first command. Whatever fails, what was opened is closed.

const { Connection } = require('./connection');
const { openWebSocket } = require('./native-transport');
const { Browser } = require('./browser');
const { Deadline } = require('./deadline');
const { parseEndpoint, resolveEndpoint } = require('./endpoint');
const { TimeoutError, withCallerStack } = require('./errors');
const { checkOptions } = require('./options');

function checkedOptions(endpointOrOptions) {
  const options = typeof endpointOrOptions === 'string' ? { endpoint: endpointOrOptions } : endpointOrOptions;
  const checked = checkOptions('connect', options ?? {}, 'connect()');
  if (checked.endpoint === undefined || options == null) {
    throw new TypeError('connect(): pass an endpoint URL string or { endpoint, headers?, timeout?, signal?, protocolTimeout?, maxMessageSize? }');
  }
  return checked;
}

async function connect(endpointOrOptions) {
  // Captured now: a timeout or abort fires in a later task whose stack shows no caller.
  const trace = new Error();
  const options = checkedOptions(endpointOrOptions);
  const { label } = parseEndpoint(options.endpoint);
  const deadline = new Deadline({
    timeout: options.timeout,
    signal: options.signal,
    method: 'connect',
    makeTimeoutError: () => new TimeoutError('connect', options.timeout, 'the timeout option of connect() (0 waits as long as it takes)'),
  });
  let connection;
  let opened = false;
  try {
    const url = await deadline.race(resolveEndpoint(parseEndpoint(options.endpoint), options.headers, deadline.signal));
    connection = new Connection(options);
    const opening = openWebSocket(connection, url, { ...options, signal: deadline.signal });
    // An upgrade done just as the deadline passed is closed at once.
    opening.then(() => deadline.error && connection.close(`connect() gave up: ${deadline.error.message}`), () => {});
    await deadline.race(opening);
    opened = true;
    // Ending the connection rejects the first command, should it never be answered.
    deadline.onEnd(() => connection.close(`connect() gave up: ${deadline.error.message}`));
    return await Browser.attach(connection, { wsEndpoint: url });
  } catch (error) {
    if (opened && connection.connected) await connection.close(`connect() failed: ${error.message}`);
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

module.exports = { connect };
