'use strict';
// Chromium's HTTP endpoints (/json/list, /json/version) for `list` and `version`.

const dns = require('node:dns/promises');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');

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

/**
 * Chromium answers /json only when the Host header is an IP address or localhost, so a host
 * name is looked up and its address asked instead.
 */
async function withAcceptedHost(url) {
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (url.hostname === 'localhost' || net.isIP(bare) !== 0) return url;
  const { address, family } = await dns.lookup(url.hostname);
  const resolved = new URL(url);
  resolved.hostname = family === 6 ? `[${address}]` : address;
  return resolved;
}

function getJson(url, timeoutMs) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { timeout: timeoutMs || undefined }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`HTTP ${response.statusCode}${body.trim() ? `: ${body.trim().slice(0, 200)}` : ''}`));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new Error(`the answer is not JSON: ${body.slice(0, 200)}`));
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** GET `path` of the endpoint's origin, as JSON; errors name the URL asked. */
async function fetchJson(endpoint, path, timeoutMs) {
  const url = new URL(path, httpOriginOf(endpoint));
  try {
    return await getJson(await withAcceptedHost(url), timeoutMs);
  } catch (error) {
    throw new Error(`Cannot get ${url.href}: ${error.message}`, { cause: error });
  }
}

module.exports = { fetchJson };
