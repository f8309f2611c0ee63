// Misuses of connectTarget()'s types: every line marked @ts-expect-error must really be an error.
import { connectTarget } from 'cdp-native';

export async function connectTargetMisuses(): Promise<void> {
  // @ts-expect-error: an endpoint is needed
  await connectTarget();
  // @ts-expect-error: target is an id or a function, not a number
  await connectTarget({ endpoint: 'http://127.0.0.1:9222', target: 3 });
  // @ts-expect-error: an unknown option
  await connectTarget({ endpoint: 'http://127.0.0.1:9222', targt: 'x' });
  const session = await connectTarget('ws://127.0.0.1:9229/x');
  // @ts-expect-error: it resolves with a CDPSession, which has no newPage
  await session.newPage();
  // @ts-expect-error: a root session may have no Browser
  await session.browser.targets();
  // @ts-expect-error: its id may be undefined
  const id: string = session.id;
  // @ts-expect-error: commands are typed as on any session
  await session.send('Profiler.stop', { nope: 1 });
  console.log(id);
}
