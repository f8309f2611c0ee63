'use strict';
// Chromium's HTTP endpoints (/json/list, /json/version) for `list` and `version`.

const { getJson, hostIsAccepted, resolveHost } = require('../endpoint');

/** The http(s) origin of an endpoint given as http://, https://, ws:// or wss://. */
function httpOriginOf(endpoint) {
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`--endpoint ${JSON.stringify(endpoint)} is not a URL; expected http://host:port or ws://host:port/…`);
  }
  const scheme = { 'http:': 'http:', 'ws:': 'http:', 'https:': 'https:', 'wss:': 'https:' }[url.protocol];
  if (!scheme) throw new Error(`--endpoint ${endpoint}: unsupported protocol ${url.protocol}; expected http, https, ws or wss`);
  url.protocol = scheme;
  return new URL(url.origin);
}

/** `url` with a Host that Chromium answers /json for: a host name is replaced by its address. */
async function withAcceptedHost(url) {
  if (hostIsAccepted(url.hostname)) return url;
  const resolved = new URL(url);
  resolved.hostname = await resolveHost(url);
  return resolved;
}

/** GET `path` of the endpoint's origin, as JSON; errors name the URL asked. */
async function fetchJson(endpoint, path, timeoutMs) {
  const url = new URL(path, httpOriginOf(endpoint));
  try {
    return await getJson(await withAcceptedHost(url), { timeoutMs, excerpt: 200 });
  } catch (error) {
    throw new Error(`Cannot get ${url.href}: ${error.message}`, { cause: error });
  }
}

module.exports = { fetchJson };
