// Correct uses of connectTarget()'s types: this file must compile with no error.
import { type CDPSession, connectTarget, TargetClosedError, type TargetListEntry } from 'cdp-native';

export async function connectTargetUses(): Promise<void> {
  const inspector: CDPSession = await connectTarget('ws://127.0.0.1:9229/0f2c936f-b1cd-4ac6-aab1-5e4e0b4f0b8e');
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.start');
  const { profile } = await inspector.send('Profiler.stop');
  const nodes: number = profile.nodes.length;
  inspector.on('Debugger.scriptParsed', ({ url, scriptId }) => url.length + scriptId.length);
  const page = await connectTarget({
    endpoint: 'http://127.0.0.1:9222',
    target: (targets: TargetListEntry[]) => targets.find(({ type, url }) => type === 'page' && url?.startsWith('https:')) ?? 0,
    headers: { 'x-token': 't' },
    timeout: 5000,
    signal: AbortSignal.timeout(10000),
    protocolTimeout: 0,
    maxMessageSize: 1 << 20,
  });
  const byId = await connectTarget({ endpoint: 'http://127.0.0.1:9222', target: 'D07C85E76C2C842E6CC79C68A5235E00' });
  await page.api.Page.navigate({ url: 'data:text/html,hi' });
  page.on('sessionattached', (child) => child.send('Runtime.runIfWaitingForDebugger'));
  page.on('detached', ({ code }) => code === 'target-closed' || code === 'connection-lost');
  // A root session has no sessionId and no Browser.
  const id: string | undefined = page.id;
  const owner = page.browser;
  if (owner !== null) await owner.targets();
  try {
    await byId.send('Runtime.evaluate', { expression: '1' });
  } catch (error) {
    if (error instanceof TargetClosedError) console.log(error.code === 'connection-lost');
  }
  await byId.detach();
  console.log(nodes, id, page.targetId);
}
