'use strict';
// Turns what the user gave connect() into a browser WebSocket URL: a ws:// or wss:// URL as
// it is, or an http(s) origin resolved through GET /json/version. Errors name the endpoint.

const dns = require('node:dns/promises');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');

/** Chromium answers /json only for a Host that is an IP address or localhost. */
function hostIsAccepted(hostname) {
  return hostname === 'localhost' || net.isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

async function resolveHost(url) {
  if (hostIsAccepted(url.hostname)) return url.hostname;
  const { address, family } = await dns.lookup(url.hostname);
  return family === 6 ? `[${address}]` : address;
}

/**
 * GET `url` as JSON. A status other than 200 rejects with `HTTP <status>` and the first
 * `excerpt` characters of the body; no `timeoutMs` (or 0) waits as long as it takes.
 * Also used by the CLI's `list` and `version` (lib/cli/http-helpers.js).
 */
function getJson(url, { headers, timeoutMs, excerpt = 300 } = {}) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers, timeout: timeoutMs || undefined }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`HTTP ${response.statusCode}${body.trim() ? `: ${body.trim().slice(0, excerpt)}` : ''}`));
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

/**
 * Returns `{ url, label }`: the WebSocket URL to connect to and the text that names the
 * endpoint in errors (never a header value).
 */
async function resolveEndpoint(endpoint, headers, timeoutMs) {
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`connect(): ${JSON.stringify(String(endpoint))} is not a URL; expected ws://, wss://, http:// or https://`);
  }
  const label = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  if (url.protocol === 'wss:') return { url: url.href, label };
  if (url.protocol === 'ws:') {
    // Newer Chromium checks the Host of the upgrade as it does for /json: use the address.
    url.hostname = await resolveHost(url);
    return { url: url.href, label };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`connect(): unsupported protocol ${url.protocol} in ${label}; expected ws://, wss://, http:// or https://`);
  }
  const versionUrl = new URL('/json/version', url.origin);
  const requestHeaders = { ...headers };
  if (url.protocol === 'http:' && !hostIsAccepted(url.hostname)) {
    versionUrl.hostname = await resolveHost(url);
  }
  const version = await getJson(versionUrl, { headers: requestHeaders, timeoutMs });
  if (typeof version.webSocketDebuggerUrl !== 'string') {
    throw new Error('its /json/version has no webSocketDebuggerUrl');
  }
  // Chromium builds the URL from the Host it was sent: keep only its path, and put back the
  // scheme, host and port the user gave.
  const returned = new URL(version.webSocketDebuggerUrl);
  const wsUrl = new URL(returned.pathname, url.origin);
  wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (wsUrl.protocol === 'ws:') wsUrl.hostname = await resolveHost(wsUrl);
  return { url: wsUrl.href, label };
}

module.exports = { resolveEndpoint, getJson, hostIsAccepted, resolveHost };
