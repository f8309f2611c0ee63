'use strict';
// connect(): attaches to a browser that is already running.

const { Connection } = require('./connection');
const { openWebSocket } = require('./native-transport');
const { Browser } = require('./browser');
const { validateHeaderName, validateHeaderValue } = require('node:http');
const { resolveEndpoint } = require('./endpoint');

const DEFAULTS = { protocolTimeout: 180000, maxMessageSize: 512 * 1024 * 1024, timeout: 30000 };

function normalise(endpointOrOptions) {
  const options = typeof endpointOrOptions === 'string' ? { endpoint: endpointOrOptions } : endpointOrOptions;
  if (options === null || typeof options !== 'object' || typeof options.endpoint !== 'string') {
    throw new TypeError('connect(): pass an endpoint URL string or { endpoint, headers?, timeout?, protocolTimeout?, maxMessageSize? }');
  }
  const headers = options.headers ?? {};
  if (headers === null || typeof headers !== 'object') {
    throw new TypeError('connect(): headers must be an object of string values');
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new TypeError('connect(): headers must be an object of string values');
    // The same checks for the /json/version request and the upgrade; never quote the value.
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw new TypeError(`connect(): invalid header ${JSON.stringify(name)} (its name or value has characters HTTP does not allow)`);
    }
  }
  const merged = { ...DEFAULTS, ...options, headers };
  if (!Number.isInteger(merged.maxMessageSize) || merged.maxMessageSize < 1) {
    throw new TypeError('connect(): maxMessageSize must be a positive whole number of bytes');
  }
  if (typeof merged.protocolTimeout !== 'number' || !(merged.protocolTimeout >= 0)) {
    throw new TypeError('connect(): protocolTimeout must be a number of ms >= 0');
  }
  if (typeof merged.timeout !== 'number' || !(merged.timeout >= 0)) {
    throw new TypeError('connect(): timeout must be a number of ms >= 0 (0 waits as long as it takes)');
  }
  return merged;
}

async function connect(endpointOrOptions) {
  const options = normalise(endpointOrOptions);
  let label = options.endpoint;
  try {
    const resolved = await resolveEndpoint(options.endpoint, options.headers, options.timeout);
    label = resolved.label;
    const connection = new Connection(options);
    await openWebSocket(connection, resolved.url, options);
    return await Browser.attach(connection, { wsEndpoint: resolved.url });
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new Error(`Cannot connect to ${label}: ${error.message}`, { cause: error });
  }
}

module.exports = { connect };
