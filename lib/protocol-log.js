'use strict';
// DEBUG=cdp-native:protocol prints every message sent and received, as Puppeteer's
// DEBUG=puppeteer:protocol does. When it is off the cost is one property read per message.

const createDebug = require('debug');

const log = createDebug('cdp-native:protocol');

/** Payloads are shortened to this many characters. */
const MAX_LOGGED = 1000;

function shorten(text) {
  return text.length <= MAX_LOGGED ? text : `${text.slice(0, MAX_LOGGED)}… (${text.length - MAX_LOGGED} more characters)`;
}

/** True while DEBUG enables the protocol log: lets a caller skip a loop of logSent calls. */
function protocolLogEnabled() {
  return log.enabled;
}

function logSent(text) {
  if (log.enabled) log('SEND ► %s', shorten(text));
}

function logReceived(message) {
  if (log.enabled) log('◀ RECV %s', shorten(JSON.stringify(message)));
}

module.exports = { logSent, logReceived, protocolLogEnabled };
