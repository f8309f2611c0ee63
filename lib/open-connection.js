'use strict';
// Opens a connection to an endpoint for connect() and connectTarget(). One deadline
// (`timeout`, and the caller's `signal`) bounds the whole of it: the /json request, the
// WebSocket upgrade and what the caller does on the new connection (connect()'s first
// command). Whatever fails, what was opened is closed, and the error names the endpoint.

const { Deadline } = require('./deadline');
const { parseEndpoint } = require('./endpoint');
const { NotABrowserError, TimeoutError, withCallerStack } = require('./errors');

/**
 * `where`: the entry point ('connect', 'connectTarget'); `options`: its checked options;
 * `trace`: an Error made where the user called it (a later task's stack shows no caller).
 * `link`: what is opened (lib/connection-link.js, or a library's raw transport);
 * `resolve(parsed, signal)` → the WebSocket URL; `attach(connection, url)` → what the entry
 * point returns, made on the open link's connection.
 */
async function openConnection({ where, options, trace, link, resolve, attach }) {
  const parsed = parseEndpoint(options.endpoint, `${where}()`);
  const { label } = parsed;
  const deadline = new Deadline({
    timeout: options.timeout,
    signal: options.signal,
    method: where,
    makeTimeoutError: () => new TimeoutError(where, options.timeout, `the timeout option of ${where}() (0 waits as long as it takes)`),
  });
  let opened = false;
  try {
    const url = await deadline.race(resolve(parsed, deadline.signal));
    const opening = link.openWebSocket(url, deadline.signal);
    // An upgrade done just as the deadline passed is closed at once.
    opening.then(
      () => deadline.error && link.close(`${where}() gave up: ${deadline.error.message}`),
      () => {},
    );
    await deadline.race(opening);
    opened = true;
    // Ending the connection rejects a first command, should it never be answered.
    deadline.onEnd(() => link.close(`${where}() gave up: ${deadline.error.message}`));
    return await attach(link.connection, url);
  } catch (error) {
    if (opened && link.connected) await link.close(`${where}() failed: ${error.message}`);
    const ended = deadline.error;
    if (ended) {
      ended.message = `Cannot connect to ${label}: ${ended.message}`;
      throw withCallerStack(ended, trace);
    }
    // Kept apart, so that the CLI can take connectTarget() instead.
    const Failure = error instanceof NotABrowserError ? NotABrowserError : Error;
    throw withCallerStack(new Failure(`Cannot connect to ${label}: ${error.message}`, { cause: error }), trace);
  } finally {
    deadline.clear();
  }
}

module.exports = { openConnection };
