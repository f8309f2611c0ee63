'use strict';
// A bare CDP client on `ws`, the least a JS client can do: ids, a Map of pending calls,
// one JSON.parse per message, events by sessionId. No timeouts, no error classes.

const { EventEmitter } = require('node:events');
const WebSocket = require('ws');

class BareConnection {
  #ws;
  #nextId = 1;
  /** id → { resolve, reject, method } */
  #pending = new Map();
  /** sessionId → EventEmitter of that session's events */
  #sessions = new Map();

  constructor(ws) {
    this.#ws = ws;
    ws.on('message', (data) => this.#onMessage(JSON.parse(data.toString())));
    ws.on('close', () => {
      for (const { reject, method } of this.#pending.values()) reject(new Error(`${method}: the connection closed`));
      this.#pending.clear();
    });
  }

  static open(endpoint) {
    // The same 256 MiB cap on a message as chrome-remote-interface and Puppeteer.
    const ws = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new BareConnection(ws)));
      ws.once('error', reject);
    });
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#ws.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  session(sessionId) {
    let events = this.#sessions.get(sessionId);
    if (!events) {
      events = new EventEmitter();
      this.#sessions.set(sessionId, events);
    }
    return {
      send: (method, params) => this.send(method, params, sessionId),
      on: (event, listener) => events.on(event, listener),
    };
  }

  #onMessage(message) {
    if (message.id !== undefined) {
      const call = this.#pending.get(message.id);
      if (!call) return;
      this.#pending.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
      return;
    }
    this.#sessions.get(message.sessionId)?.emit(message.method, message.params);
  }

  close() {
    this.#ws.close();
  }
}

async function open(endpoint) {
  const connection = await BareConnection.open(endpoint);
  return {
    async newPage() {
      const { targetId } = await connection.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await connection.send('Target.attachToTarget', { targetId, flatten: true });
      return { session: connection.session(sessionId), close: () => connection.send('Target.closeTarget', { targetId }) };
    },
    // The endpoint's own session: messages without a sessionId.
    rootSession: async () => connection.session(undefined),
    async browserSession() {
      const { sessionId } = await connection.send('Target.attachToBrowserTarget');
      return connection.session(sessionId);
    },
    close: async () => connection.close(),
  };
}

module.exports = { open };
