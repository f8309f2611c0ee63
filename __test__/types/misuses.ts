// Misuses of the public types: every line marked @ts-expect-error must really be an error
// (tsc reports an unused @ts-expect-error otherwise, which fails the test).
import { launch } from 'cdp-native';

export async function misuses(): Promise<void> {
  const browser = await launch();
  const session = await browser.newPage();
  // @ts-expect-error: an unknown method
  await session.send('Page.navigat', { url: 'x' });
  // @ts-expect-error: close codes are a closed set
  session.on('detached', ({ code }) => code === 'closed');
  // @ts-expect-error: a wrong param type
  await session.send('Page.navigate', { url: 1 });
  // @ts-expect-error: required params missing
  await session.send('Page.navigate');
  // @ts-expect-error: an unknown param
  await session.send('Runtime.evaluate', { expression: '1', notAParam: true });
  // @ts-expect-error: the result has no such field
  (await session.send('Runtime.evaluate', { expression: '1' })).nope;
  // @ts-expect-error: an event's params are typed
  session.on('Network.requestWillBeSent', (event) => event.request.nope);
  // @ts-expect-error: options are typed
  await session.send('Page.enable', {}, { timeout: 'soon' });
  // @ts-expect-error: an unknown domain helper command
  await session.api.Page.navigat({ url: 'x' });
  // @ts-expect-error: a domain helper checks its params
  await session.api.Page.navigate({ url: 1 });
  // @ts-expect-error: a domain helper's required params
  await session.api.Page.navigate();
  // @ts-expect-error: an unknown domain
  session.api.Pgae.enable();
  // @ts-expect-error: an event of another domain
  session.api.Page.on('consoleAPICalled', () => {});
  // @ts-expect-error: a domain helper's event params are typed
  session.api.Page.on('loadEventFired', (event) => event.nope);
  // @ts-expect-error: waitForEvent takes event names only
  await session.waitForEvent('Page.navigate');
  // @ts-expect-error: the predicate gets that event's params
  await session.waitForEvent('Page.loadEventFired', { predicate: (event) => event.frame.url === 'x' });
  // @ts-expect-error: the resolved params are typed
  (await session.waitForEvent('Page.loadEventFired')).nope;
  // @ts-expect-error: a domain event's wait is typed too
  (await session.api.Page.loadEventFired({ timeout: 1 })).nope;
  // @ts-expect-error: waitUntil is one of three names
  await browser.newPage('about:blank', { waitUntil: 'networkidle0' });
  // @ts-expect-error: an unknown launch option
  await launch({ transprot: 'pipe' });
  // @ts-expect-error: transport is one of two names
  await launch({ transport: 'tcp' });
}
