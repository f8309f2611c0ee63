// The types of puppeteerTransport() and playwrightTransport() (lib/adapters/), declared by
// the shape each library expects: neither library is a dependency. Re-exported by index.d.ts.

/// <reference types="node" />

import type { ChildProcess } from 'node:child_process';
import type { ConnectOptions, LaunchOptions } from '../index.js';

/**
 * What puppeteerTransport() and playwrightTransport() take: launch()'s options (a browser
 * they launch, over a pipe by default), or connect()'s (an endpoint, or `{ endpoint, … }`) to
 * a running one. No protocolTimeout: the library's own bounds its calls.
 */
export type LibraryTransportOptions = Omit<LaunchOptions, 'protocolTimeout'> | Omit<ConnectOptions, 'protocolTimeout'> | string;

/**
 * puppeteer-core's `ConnectionTransport`, on cdp-native's transport, for
 * `puppeteer.connect({ transport })`. Declared by its shape: Puppeteer is not a dependency.
 */
export interface PuppeteerTransport {
  send(message: string): void;
  /** Ends the connection; a launched browser is closed and its profile removed. Never rejects. */
  close(): Promise<void>;
  /** Assigned by Puppeteer: each message, one per macrotask, in arrival order. */
  onmessage?: (message: string) => void;
  /** Assigned by Puppeteer: called once when the transport ends, for any reason. */
  onclose?: () => void;
  /** The launched browser's process; null when connected to a running browser. */
  readonly process: ChildProcess | null;
}

/**
 * playwright-core's `ConnectOverCDPTransport`, on cdp-native's transport, for
 * `chromium.connectOverCDP(transport)`. Declared by its shape: Playwright is not a dependency.
 */
export interface PlaywrightTransport {
  send(message: object): void;
  /** Ends the connection; a launched browser is closed and its profile removed. Never rejects. */
  close(): Promise<void>;
  /** Assigned by Playwright: each message, parsed, one per macrotask, in arrival order. */
  onmessage?: (message: object) => void;
  /** Assigned by Playwright: called once when the transport ends, with why (a cause sentence). */
  onclose?: (reason?: string) => void;
  /** The launched browser's process; null when connected to a running browser. */
  readonly process: ChildProcess | null;
}

export declare function puppeteerTransport(options?: LibraryTransportOptions): Promise<PuppeteerTransport>;
export declare function playwrightTransport(options?: LibraryTransportOptions): Promise<PlaywrightTransport>;
