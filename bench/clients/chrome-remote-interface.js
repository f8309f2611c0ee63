'use strict';
// chrome-remote-interface: one connection to the browser endpoint, flat sessions by sessionId.

const CDP = require('chrome-remote-interface');

async function open(endpoint) {
  // local: the bundled protocol description, not one fetched over HTTP (the mock serves none).
  const client = await CDP({ target: endpoint, local: true });
  const sessionOf = (sessionId) => ({
    send: (method, params) => client.send(method, params, sessionId),
    // chrome-remote-interface emits each event also as `<method>.<sessionId>`.
    on: (event, listener) => client.on(`${event}.${sessionId}`, listener),
  });
  return {
    async newPage() {
      const { targetId } = await client.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await client.send('Target.attachToTarget', { targetId, flatten: true });
      return { session: sessionOf(sessionId), close: () => client.send('Target.closeTarget', { targetId }) };
    },
    // The endpoint's own session: no sessionId on commands, events by their bare name.
    rootSession: async () => ({
      send: (method, params) => client.send(method, params),
      on: (event, listener) => client.on(event, listener),
    }),
    async browserSession() {
      const { sessionId } = await client.send('Target.attachToBrowserTarget');
      return sessionOf(sessionId);
    },
    close: () => client.close(),
  };
}

module.exports = { open };
