'use strict';
// wss:// for real: a TLS proxy (started here, on 127.0.0.1 port 0) in front of a real
// Chromium, its certificate signed by a test CA that the client trusts only through
// NODE_EXTRA_CA_CERTS, as Node does. A certificate from another CA, or for another name,
// fails with an error that says it is the certificate.

const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launch } = require('..');
const { makeCertificates, startTlsProxy } = require('./fixtures/tls-proxy');

const CLIENT = path.join(__dirname, 'fixtures', 'wss-client.js');

/** Runs the client script on `endpoint` with `env` added; resolves with its JSON line. */
function runClient(endpoint, env) {
  const childEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLIENT, endpoint], { env: childEnv, timeout: 60000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`the client failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

describe('wss:// through a TLS proxy in front of a real Chromium', () => {
  let browser;
  let browserPath;
  let certs;
  let dir;
  const proxies = {};
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-tls-'));
    certs = makeCertificates(dir);
    browser = await launch({ transport: 'websocket' });
    const { port, pathname } = new URL(browser.wsEndpoint);
    browserPath = pathname;
    for (const name of ['trusted', 'untrusted', 'wrongName']) {
      proxies[name] = await startTlsProxy(certs[name], Number(port));
    }
  });
  after(async () => {
    for (const proxy of Object.values(proxies)) await proxy.close();
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const trustingTheCa = () => ({ NODE_EXTRA_CA_CERTS: certs.caFile });

  test('a wss:// URL works when NODE_EXTRA_CA_CERTS names the CA', async () => {
    for (const host of ['localhost', '127.0.0.1']) {
      const endpoint = `wss://${host}:${proxies.trusted.port}${browserPath}`;
      const outcome = await runClient(endpoint, trustingTheCa());
      assert.equal(outcome.error, undefined);
      assert.equal(outcome.value, 42);
      assert.match(outcome.product, /Chrom/);
      assert.equal(outcome.wsEndpoint, endpoint);
    }
  });

  test('an https:// origin resolves to wss:// and works the same', async () => {
    const outcome = await runClient(`https://localhost:${proxies.trusted.port}`, trustingTheCa());
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.value, 42);
    assert.equal(outcome.wsEndpoint, `wss://localhost:${proxies.trusted.port}${browserPath}`);
  });

  test('without NODE_EXTRA_CA_CERTS the same server is refused for its certificate', async () => {
    const endpoint = `wss://localhost:${proxies.trusted.port}${browserPath}`;
    const { error } = await runClient(endpoint, { NODE_EXTRA_CA_CERTS: undefined });
    assert.equal(
      error,
      `Cannot connect to ${endpoint}: the TLS certificate of localhost is not signed by a trusted ` +
        'certificate authority; to trust a private CA, set NODE_EXTRA_CA_CERTS to its PEM file',
    );
  });

  test('a certificate signed by another CA is refused, saying so', async () => {
    const endpoint = `wss://localhost:${proxies.untrusted.port}${browserPath}`;
    const { error } = await runClient(endpoint, trustingTheCa());
    assert.match(error, /: the TLS certificate of localhost is not signed by a trusted certificate authority;/);
  });

  test('a certificate for another name is refused, saying so', async () => {
    const endpoint = `wss://localhost:${proxies.wrongName.port}${browserPath}`;
    const { error } = await runClient(endpoint, trustingTheCa());
    assert.equal(error, `Cannot connect to ${endpoint}: the TLS certificate of localhost is not valid for the name localhost`);
  });

  test('an unreadable NODE_EXTRA_CA_CERTS is an error naming it', async () => {
    const endpoint = `wss://localhost:${proxies.trusted.port}${browserPath}`;
    const missing = path.join(dir, 'missing.pem');
    const { error } = await runClient(endpoint, { NODE_EXTRA_CA_CERTS: missing });
    assert.match(error, new RegExp(`: NODE_EXTRA_CA_CERTS=${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read it \\(`));
  });
});
