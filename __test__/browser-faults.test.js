'use strict';
// Faults a real Chromium produces, over both transports: the browser SIGKILLed with 10,000
// sends pending (over the pipe that is also the pipe's EOF), and a page that crashes while
// another page is busy.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { performance } = require('node:perf_hooks');
const { TargetClosedError } = require('..');
const { launchFor, NEVER, nextEvent, patient, rejectionOf, settledWithin, sleep, TRANSPORTS } = require('./helpers');
const { record, within } = require('./fixtures/fault-checks');

const PENDING = 10000;

for (const transport of TRANSPORTS) {
  describe(`real browser faults over ${transport}`, () => {
    test(`SIGKILL with ${PENDING} sends pending: all reject within 1 s, naming the cause; 'disconnected' once`, async (t) => {
      const browser = await launchFor(t, { transport });
      const pages = [await browser.newPage(), await browser.newPage()];
      const disconnects = record(browser, 'disconnected');
      const detaches = pages.map((page) => record(page, 'detached'));

      const outcomes = [];
      for (let i = 0; i < PENDING; i++) {
        outcomes.push(
          pages[i % 2].send('Runtime.evaluate', NEVER).then(
            (value) => ({ value }),
            (error) => ({ error }),
          ),
        );
      }
      // Each page answers in order: once a later command is answered, it has all the others.
      for (const page of pages) await page.send('Runtime.evaluate', { expression: '1' }, { timeout: 60000 });
      const early = await settledWithin(Promise.race(outcomes), 10);
      assert.equal(early, 'pending', 'a send settled before the kill');

      let disconnectedAt;
      browser.once('disconnected', () => (disconnectedAt = performance.now()));
      const killedAt = performance.now();
      assert.equal(browser.process.kill('SIGKILL'), true);
      const settled = await within(10000, Promise.all(outcomes), `the ${PENDING} pending sends`);
      const allRejectedAt = performance.now();
      t.diagnostic(
        `kill → 'disconnected' ${(disconnectedAt - killedAt).toFixed(1)} ms, kill → all ${PENDING} rejected ${(allRejectedAt - killedAt).toFixed(1)} ms`,
      );
      // 1 s on an idle machine, scaled by how busy this one is: far below protocolTimeout (180 s).
      const budget = patient(1000);
      assert.ok(
        allRejectedAt - killedAt < budget,
        `the last send rejected ${(allRejectedAt - killedAt).toFixed(0)} ms after the kill (budget ${budget} ms)`,
      );

      assert.equal(disconnects.length, 1);
      const { reason } = disconnects[0];
      assert.match(reason, transport === 'pipe' ? /pipe.*EOF|EOF/ : /WebSocket/);
      for (const { value, error } of settled) {
        assert.equal(value, undefined, `a send resolved after the kill: ${JSON.stringify(value)}`);
        assert.ok(error instanceof TargetClosedError, `got ${error?.stack ?? error}`);
        assert.equal(error.method, 'Runtime.evaluate');
        assert.ok(error.message.includes('Runtime.evaluate'), error.message);
        assert.ok(error.message.includes(reason), `the message does not name the cause: ${error.message}`);
      }
      // Nothing is left pending: a new send is refused at once, with the same cause.
      const late = await within(100, rejectionOf(pages[0].send('Runtime.evaluate', { expression: '1' })), 'a send after the kill');
      assert.ok(late instanceof TargetClosedError);
      assert.ok(late.message.includes(reason), late.message);
      await sleep(100);
      assert.equal(disconnects.length, 1, "'disconnected' fired again");
      for (const seen of detaches) {
        assert.equal(seen.length, 1);
        assert.ok(seen[0].reason.includes(reason), seen[0].reason);
      }
    });

    test("a page crash ends only that page's sessions; another page's call and events carry on", async (t) => {
      const browser = await launchFor(t, { transport });
      const disconnects = record(browser, 'disconnected');
      const crashing = await browser.newPage();
      const second = await browser.newCDPSession(crashing.targetId);
      const bystander = await browser.newPage('data:text/html,<title>bystander</title>');
      const crashDetaches = [record(crashing, 'detached'), record(second, 'detached')];
      const bystanderDetaches = record(bystander, 'detached');

      await bystander.send('Runtime.enable');
      // Its data: URL may still be committing (slowly, on a busy machine), which would destroy
      // the context of an evaluation started now: wait until the page is the one asked for.
      for (;;) {
        const { result } = await bystander
          .send('Runtime.evaluate', { expression: 'document.readyState + document.title' })
          .catch(() => ({ result: {} }));
        if (result.value === 'completebystander') break;
        await sleep(50);
      }
      const slow = bystander.send('Runtime.evaluate', {
        expression: "new Promise((resolve) => setTimeout(() => resolve('finished'), 1500))",
        awaitPromise: true,
      });
      const pending = [
        ...Array.from({ length: 3 }, () => crashing.send('Runtime.evaluate', NEVER)),
        second.send('Runtime.evaluate', NEVER),
      ].map((p) =>
        p.then(
          (value) => ({ value }),
          (error) => ({ error }),
        ),
      );
      const detachedBoth = Promise.all([nextEvent(crashing, 'detached'), nextEvent(second, 'detached')]);

      crashing.send('Page.crash').catch(() => {});
      const reasons = (await detachedBoth).map((info) => info.reason);
      for (const reason of reasons) assert.match(reason, /crash/i);
      const outcomes = await within(2000, Promise.all(pending), 'the calls pending on the crashed page');
      for (const { value, error } of outcomes) {
        assert.equal(value, undefined, `a send on the crashed page resolved: ${JSON.stringify(value)}`);
        assert.ok(error instanceof TargetClosedError, `got ${error?.stack ?? error}`);
        assert.equal(error.method, 'Runtime.evaluate');
        assert.match(error.message, /crash/i);
      }

      // The other page: its pending call finishes, its events still come, it never detached.
      const logged = nextEvent(bystander, 'Runtime.consoleAPICalled', 10000);
      await bystander.send('Runtime.evaluate', { expression: "console.log('after the crash')" });
      assert.equal((await logged).args[0].value, 'after the crash');
      assert.equal((await within(10000, slow, 'the bystander call')).result.value, 'finished');
      const fresh = await browser.newPage();
      assert.equal((await fresh.send('Runtime.evaluate', { expression: '2 + 2' })).result.value, 4);

      await sleep(100);
      assert.deepEqual(
        crashDetaches.map((seen) => seen.length),
        [1, 1],
      );
      assert.equal(bystanderDetaches.length, 0);
      assert.equal(disconnects.length, 0);
      assert.equal(browser.connected, true);
      for (const session of [crashing, second]) {
        assert.match((await rejectionOf(session.send('Runtime.evaluate', { expression: '1' }))).message, /crash/i);
      }
    });
  });
}
