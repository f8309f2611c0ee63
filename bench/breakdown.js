'use strict';
// `npm run bench -- --breakdown`: where W1's round trip goes, cdp-native beside a bare `ws`
// client, on one shared Chromium and the bench's Node. Each client runs in a fresh process,
// interleaved for several rounds; each round trip is timestamped on process.hrtime's clock:
//   cdp-native (CDP_NATIVE_TRACE=1, lib/trace.js): send → the reply ready in Rust (read and
//     checked by the transport) → taken by JavaScript (the doorbell's wake) → dispatched
//     (parsed, its call settled) → the awaiting code runs;
//   ws: send → the 'message' event (libuv read, ws framing) → dispatched (parsed, its call
//     settled) → the awaiting code runs.
// Prints the median of each step (µs) per client, over every round trip of every round.

const path = require('node:path');
const { execFileSync } = require('node:child_process');

const COUNT = 2000;
const WARMUP = 200;

/** The child's side: `node breakdown.js --child <client> <endpoint>`; prints the steps as JSON. */
async function child(client, endpoint) {
  const now = () => Number(process.hrtime.bigint());
  const steps = [];
  if (client === 'cdp-native') {
    const trace = require('../lib/trace');
    if (!trace.enabled) throw new Error('CDP_NATIVE_TRACE is not set');
    const { connect } = require('..');
    const browser = await connect(endpoint);
    const page = await browser.newPage();
    for (let i = 0; i < WARMUP + COUNT; i++) {
      const sent = now();
      await page.send('Runtime.evaluate', { expression: String(i) });
      const awaited = now();
      const { readyNs, takenNs, dispatchedNs } = trace.lastReply;
      if (i >= WARMUP) steps.push([readyNs - sent, takenNs - readyNs, dispatchedNs - takenNs, awaited - dispatchedNs, awaited - sent]);
    }
    await page.send('Target.closeTarget', { targetId: page.targetId }).catch(() => {});
    await browser.disconnect();
  } else {
    const WebSocket = require('ws');
    const ws = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const pending = new Map();
    let nextId = 1;
    let received = 0;
    let dispatched = 0;
    ws.on('message', (data) => {
      received = now();
      const message = JSON.parse(data.toString());
      const call = pending.get(message.id);
      if (call) {
        pending.delete(message.id);
        call(message.result);
        dispatched = now();
      }
    });
    const send = (method, params, sessionId) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params, sessionId }));
      });
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    for (let i = 0; i < WARMUP + COUNT; i++) {
      const sent = now();
      await send('Runtime.evaluate', { expression: String(i) }, sessionId);
      const awaited = now();
      if (i >= WARMUP) steps.push([received - sent, 0, dispatched - received, awaited - dispatched, awaited - sent]);
    }
    await send('Target.closeTarget', { targetId });
    ws.close();
  }
  process.stdout.write(JSON.stringify(steps));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The parent's side: starts Chromium, runs the children interleaved, prints the table. */
async function main({ node, rounds }) {
  const { startBrowser } = require('./browser');
  const browser = await startBrowser();
  const all = { 'cdp-native': [], ws: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const client of round % 2 === 0 ? ['cdp-native', 'ws'] : ['ws', 'cdp-native']) {
        const out = execFileSync(node.execPath, [__filename, '--child', client, browser.wsEndpoint], {
          env: { ...process.env, CDP_NATIVE_TRACE: '1' },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 180000,
        });
        all[client].push(...JSON.parse(out));
      }
    }
  } finally {
    await browser.stop();
  }
  const us = (ns) => (ns / 1000).toFixed(0).padStart(7);
  const rows = [
    ['cdp-native', ['send → ready in Rust', 'ready → taken by JS', 'taken → dispatched', 'dispatched → awaiting code', 'round trip']],
    ['ws', ['send → message event', '', 'message → dispatched', 'dispatched → awaiting code', 'round trip']],
  ];
  const lines = [`W1 round trip, ${COUNT} sequential Runtime.evaluate × ${rounds} rounds, Node ${node.version}: medians (µs)`];
  for (const [client, names] of rows) {
    lines.push(`  ${client}`);
    names.forEach((name, i) => {
      if (name) lines.push(`    ${name.padEnd(28)}${us(median(all[client].map((s) => s[i])))}`);
    });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}

module.exports = { main, BREAKDOWN_FILE: path.basename(__filename) };
