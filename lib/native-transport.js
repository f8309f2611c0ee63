'use strict';
// Starts the addon's transports. A Connection is given what these return and never requires
// the addon itself, so that its tests can give it a fake (__test__/fixtures/fake-transport.js).
//
// A transport, as the Connection uses it:
//   send(burst) → SendResult    one message text, or several joined by BURST_SEPARATOR
//   take(handled) → null | string | string[]
//                               acknowledges the `handled` deliveries taken before (the
//                               inbound window), then returns every delivery that has arrived
//                               (a message, or a JSON array text of several), in order; null
//                               re-arms the doorbell
//   resumeSoon()                optional: call back with Resume once the microtasks queued
//                               so far have run (the pause after a reply; else setImmediate)
//   close()                     end it; the inbound callback then reports the cause `close`
//   waitForClose() → Promise    pending while the transport matters (holds the event loop)
//   release()                   the close has been handled: let the process exit
//   medium                      'websocket' or 'pipe', for the sentences about its I/O
// and it calls `onInbound(kind, text)` (a DeliveryKind): Arrived (take() now), Closed (the
// cause's JSON, after every delivery before it), Writable (held sends may go) or Resume.

const binding = require('../binding.js');

/**
 * Opens a WebSocket to `url` for `connection`; resolves with the transport, attached, once
 * the upgrade is done.
 */
async function openWebSocket(connection, url, { headers = {}, maxMessageSize }) {
  const native = await binding.connectWebSocket(url, headers, maxMessageSize, connection.onInbound);
  connection.attach(withMedium(native, 'websocket'));
  return native;
}

/**
 * Opens the pipes for a browser about to be launched, for `connection`. The launcher spawns
 * the browser with the transport's `browserFds` as its fds 3 and 4, then calls
 * `closeBrowserFds()`.
 */
function openPipe(connection, { maxMessageSize }) {
  const native = binding.openPipe(maxMessageSize, connection.onInbound);
  connection.attach(withMedium(native, 'pipe'));
  return native;
}

function withMedium(native, medium) {
  Object.defineProperty(native, 'medium', { value: medium });
  return native;
}

module.exports = { openWebSocket, openPipe };
