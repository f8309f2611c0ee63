'use strict';
// Starts the addon's transports. A Connection is given what these return and never requires
// the addon itself, so that its tests can give it a fake (__test__/fixtures/fake-transport.js).
//
// A transport, as the Connection uses it:
//   send(burst) → SendResult    one message text, or several joined by BURST_SEPARATOR
//   acknowledge(count)          the oldest `count` deliveries are handled (inbound window)
//   close()                     end it; the inbound callback then reports the cause `close`
//   waitForClose() → Promise    pending while the transport matters (holds the event loop)
//   release()                   the close has been handled: let the process exit
//   medium                      'websocket' or 'pipe', for the sentences about its I/O
// and it calls `onInbound(kind, text)` (a DeliveryKind) for everything it receives.

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
