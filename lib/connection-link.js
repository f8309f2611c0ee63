'use strict';
// The link (see startBrowser in lib/launcher.js, connectThrough in lib/connect.js) of
// launch() and connect(): a Connection, which the Browser then owns.

const { Connection } = require('./connection');
const { openPipe, openWebSocket } = require('./native-transport');

/** A link over a new Connection, which the Browser then owns. */
function connectionLink({ protocolTimeout, maxMessageSize, headers }) {
  const options = { protocolTimeout, maxMessageSize, headers };
  const connection = new Connection(options);
  let opened = false;
  return {
    connection,
    openPipe() {
      opened = true;
      return openPipe(connection, options);
    },
    async openWebSocket(url, signal) {
      await openWebSocket(connection, url, { ...options, signal });
      opened = true;
    },
    ready: (signal) => connection.sendToBrowser('Browser.getVersion', undefined, { timeout: 0, signal }),
    expectClose: (why) => connection.expectClose(why),
    get connected() {
      return opened && connection.connected;
    },
    async closeBrowser(ms) {
      await connection.sendToBrowser('Browser.close', undefined, { timeout: ms }).catch(() => {});
    },
    close: async (reason) => {
      if (opened) await connection.close(reason);
    },
  };
}

module.exports = { connectionLink };
