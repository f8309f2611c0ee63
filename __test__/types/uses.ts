// Correct uses of the public types: this file must compile with no error.
import {
  type CDPSession,
  type CloseCode,
  connect,
  launch,
  type Protocol,
  ProtocolError,
  type ProtocolProxyApi,
  TargetClosedError,
  TimeoutError,
} from 'cdp-native';

export async function uses(): Promise<void> {
  const browser = await launch({ transport: 'websocket', args: ['--mute-audio'], protocolTimeout: 0 });
  const session: CDPSession = await browser.newPage();
  const evaluated = await session.send('Runtime.evaluate', { expression: '1 + 2', returnByValue: true });
  const type: string = evaluated.result.type;
  await session.send('Page.enable');
  await session.send('Page.enable', {}, { timeout: 1000, signal: AbortSignal.timeout(5000) });
  const { frameId } = await session.send('Page.navigate', { url: 'data:text/html,hi' });
  session.on('Network.requestWillBeSent', (event) => event.request.url.toUpperCase());
  session.once('Page.loadEventFired', (event: Protocol.Page.LoadEventFiredEvent) => event.timestamp.toFixed());
  session.on('event', ({ method }) => method.length);
  session.on('detached', ({ reason, code }) => reason.length + code.length);
  session.on('sessionattached', (child) => child.send('Runtime.runIfWaitingForDebugger'));
  const raw: Record<string, unknown> = await session.sendUnchecked('Experimental.newThing', { any: 1 });
  browser.on('disconnected', ({ code, closeCode }) => (code === 'connection-lost' ? closeCode : 0));
  const targets: Protocol.Target.TargetInfo[] = await browser.targets();
  const product: string = (await browser.version()).product;
  const other = await connect({ endpoint: browser.wsEndpoint ?? '', headers: { 'x-token': 't' } });
  await other.disconnect();
  try {
    await session.send('Runtime.evaluate', { expression: 'x' });
  } catch (error) {
    if (error instanceof ProtocolError) console.log(error.code, error.method, error.originalMessage);
    if (error instanceof TimeoutError) console.log(error.timeout);
    if (error instanceof TargetClosedError) {
      const code: CloseCode = error.code;
      console.log(code === 'detach', error.closeCode, error.reason);
    }
  }
  const { Page, Runtime } = session.api;
  await Page.enable();
  const navigated: string = (await Page.navigate({ url: 'data:text/html,hi' })).frameId;
  const two = await Runtime.evaluate({ expression: '1 + 1', returnByValue: true }, { timeout: 1000 });
  Page.on('loadEventFired', (event) => event.timestamp.toFixed()).once('domContentEventFired', (event) => event.timestamp);
  const unsubscribe: () => void = Page.frameNavigated(({ frame }) => frame.url.length);
  unsubscribe();
  // The helpers fit code written against devtools-protocol's own proxy type.
  const proxy: ProtocolProxyApi.ProtocolApi = session.api;
  await proxy.Runtime.enable();
  // Waiting for events: typed params, a typed predicate, and the same from session.api.
  const loaded: Protocol.Page.LoadEventFiredEvent = await session.waitForEvent('Page.loadEventFired', { timeout: 5000 });
  const logged = await session.waitForEvent('Runtime.consoleAPICalled', {
    predicate: ({ type }) => type === 'log',
    signal: AbortSignal.timeout(1000),
  });
  const ended: string = (await session.waitForEvent('detached')).reason;
  const anyEvent = await session.waitForEvent('event', { predicate: ({ method }) => method.startsWith('Page.') });
  const child: CDPSession = await session.waitForEvent('sessionattached');
  const fired: number = (await Page.loadEventFired({ timeout: 1000 })).timestamp;
  const navigatedFrame = await Page.frameNavigated({ predicate: ({ frame }) => frame.parentId === undefined });
  const loadedPage: CDPSession = await browser.newPage('data:text/html,hi', { waitUntil: 'domcontentloaded', timeout: 5000 });
  await browser.newPage('https://example.com', { waitUntil: 'none' });
  console.log(loaded.timestamp, logged.args.length, ended, anyEvent.method, child.id, fired, navigatedFrame.frame.url, loadedPage.id);
  await session.detach();
  await browser.close();
  console.log(navigated, two.result.value);
  console.log(type, frameId, raw, targets.length, product, session.id, session.targetId, browser.process?.pid);
}
