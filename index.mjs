// The ESM face of cdp-native: the same objects as the CommonJS entry.
import cdp from './index.js';

export const {
  launch,
  connect,
  connectTarget,
  puppeteerTransport,
  playwrightTransport,
  Browser,
  CDPSession,
  ProtocolError,
  TargetClosedError,
  TimeoutError,
  LaunchTimeoutError,
  AbortError,
} = cdp;
export default cdp;
