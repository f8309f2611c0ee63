// Puppeteer and Playwright on cdp-native's transport, typed by each library's own types
// (devDependencies): this file must compile, and each @ts-expect-error be a real error.

import { type PlaywrightTransport, type PuppeteerTransport, playwrightTransport, puppeteerTransport } from 'cdp-native';
import { type ConnectOverCDPTransport, chromium } from 'playwright-core';
import puppeteer, { type ConnectionTransport } from 'puppeteer-core';

export async function adapters(): Promise<void> {
  const browser = await puppeteer.connect({ transport: await puppeteerTransport() });
  await browser.close();
  const overEndpoint = await puppeteer.connect({
    transport: await puppeteerTransport({ endpoint: 'http://127.0.0.1:9222', headers: { 'x-token': 't' } }),
  });
  await overEndpoint.disconnect();
  const fromString: ConnectionTransport = await puppeteerTransport('ws://127.0.0.1:9222/devtools/browser/x');
  fromString.close();

  const pwBrowser = await chromium.connectOverCDP(await playwrightTransport());
  await pwBrowser.close();
  const launched: PlaywrightTransport = await playwrightTransport({ transport: 'websocket', headless: true, args: ['--mute-audio'] });
  const asPlaywrights: ConnectOverCDPTransport = launched;
  await chromium.connectOverCDP(asPlaywrights, { timeout: 5000 });
  const pid: number | undefined = launched.process?.pid;

  const transport: PuppeteerTransport = await puppeteerTransport({ executablePath: '/usr/bin/chromium' });
  transport.onclose = () => console.log('closed', pid);
  await transport.close();

  // @ts-expect-error: the library's own protocolTimeout bounds its calls, not the transport's
  await puppeteerTransport({ protocolTimeout: 1000 });
  // @ts-expect-error: Puppeteer's transport sends strings
  transport.send({ id: 1, method: 'Browser.getVersion' });
  // @ts-expect-error: Playwright's transport sends objects
  launched.send('{"id":1}');
  // @ts-expect-error: options are typed
  await playwrightTransport({ headless: 'yes' });
}
