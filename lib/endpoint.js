'use strict';
// Turns what the user gave connect() into a browser WebSocket URL: a ws:// or wss:// URL as
// it is, or an http(s) origin resolved through GET /json/version. Errors name the endpoint by
// its label, which never holds credentials, a query or a fragment (tokens live there).

const dns = require('node:dns/promises');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const { notABrowser } = require('./errors');

/**
 * The largest JSON answer read from Chromium's HTTP endpoints. /json/version is under 1 KiB
 * and /json/list about 1 KiB per target (more for a page with a long data: URL); a larger
 * body is not Chromium's, and read whole it could exhaust memory or V8's string limit.
 */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

const SCHEMES = ['ws:', 'wss:', 'http:', 'https:'];

/** Chromium answers /json only for a Host that is an IP address or localhost. */
function hostIsAccepted(hostname) {
  return hostname === 'localhost' || net.isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

async function resolveHost(url) {
  if (hostIsAccepted(url.hostname)) return url.hostname;
  const { address, family } = await dns.lookup(url.hostname);
  return family === 6 ? `[${address}]` : address;
}

/** How an endpoint is named in errors: scheme, host, port and path, nothing secret. */
function labelOf(url) {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/** A text that is not a URL, quoted for an error, short and without what looks like credentials or a query. */
function quoteText(text) {
  const shown = String(text)
    .replace(/\/\/[^/?#@\s]*@/, '//…@')
    .replace(/[?#][\s\S]*$/, '…');
  return JSON.stringify(shown.length > 100 ? `${shown.slice(0, 100)}…` : shown);
}

/**
 * Checks the endpoint before anything is opened: `{ url, label }`, or a TypeError naming
 * what is wrong with it.
 */
function parseEndpoint(endpoint, where = 'connect()') {
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`${where}: ${quoteText(endpoint)} is not a URL; expected ws://, wss://, http:// or https://`);
  }
  if (!SCHEMES.includes(url.protocol)) {
    // Only the scheme is named: what follows it in, say, a data: URL is no host to show.
    throw new TypeError(`${where}: unsupported protocol ${url.protocol}; expected ws://, wss://, http:// or https://`);
  }
  return { url, label: labelOf(url) };
}

/**
 * GET `url` as JSON. A status other than 200 rejects with `HTTP <status>` and the first
 * `excerpt` characters of the body. `timeoutMs` (0 or absent: none) bounds the whole request,
 * however slowly the answer trickles in; `signal` aborts it; a body over `maxBytes` is cut
 * off. Also used by the CLI's `list` and `version` (lib/cli/http-helpers.js).
 */
function getJson(url, { headers, timeoutMs, signal, excerpt = 300, maxBytes = MAX_JSON_BYTES } = {}) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers, signal }, (response) => {
      const chunks = [];
      let bytes = 0;
      response.on('data', (chunk) => {
        bytes += chunk.length;
        if (bytes > maxBytes) request.destroy(new Error(`the answer is larger than ${maxBytes} bytes, more than any CDP endpoint sends`));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
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
    let timer;
    if (timeoutMs > 0) {
      timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    }
    request.on('close', () => clearTimeout(timer));
    request.on('error', reject);
  });
}

/**
 * Resolves a parsed endpoint (`parseEndpoint`) to the WebSocket URL to connect to. `signal`
 * aborts the /json/version request.
 */
async function resolveEndpoint({ url }, headers, signal) {
  if (url.protocol === 'wss:') return url.href;
  if (url.protocol === 'ws:') {
    // Newer Chromium checks the Host of the upgrade as it does for /json: use the address.
    const wsUrl = new URL(url);
    wsUrl.hostname = await resolveHost(url);
    return wsUrl.href;
  }
  const versionUrl = new URL('/json/version', url.origin);
  if (url.protocol === 'http:' && !hostIsAccepted(url.hostname)) {
    versionUrl.hostname = await resolveHost(url);
  }
  const version = await getJson(versionUrl, { headers: { ...headers }, signal });
  if (version === null || typeof version !== 'object' || Array.isArray(version)) {
    throw new Error(`its /json/version answer is not a JSON object: ${JSON.stringify(version).slice(0, 100)}`);
  }
  if (typeof version.webSocketDebuggerUrl !== 'string') {
    throw notABrowser('its /json/version has no webSocketDebuggerUrl');
  }
  return rebasedWebSocketUrl(version.webSocketDebuggerUrl, url, 'its /json/version');
}

/**
 * The WebSocket URL an endpoint's /json answer gave (`text`), put on the origin the user gave
 * (`url`): Chromium builds that URL from the Host it was sent, so only its path is kept, with
 * the scheme, host and port the user gave. `where` names the answer in errors.
 */
async function rebasedWebSocketUrl(text, url, where) {
  let returned;
  try {
    returned = new URL(text);
  } catch {
    returned = undefined;
  }
  if (returned?.protocol !== 'ws:' && returned?.protocol !== 'wss:') {
    throw new Error(`${where} gave a webSocketDebuggerUrl that is not a WebSocket URL: ${quoteText(text)}`);
  }
  const wsUrl = new URL(returned.pathname, url.origin);
  wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (wsUrl.protocol === 'ws:') wsUrl.hostname = await resolveHost(wsUrl);
  return wsUrl.href;
}

module.exports = { getJson, hostIsAccepted, parseEndpoint, quoteText, rebasedWebSocketUrl, resolveEndpoint, resolveHost };
