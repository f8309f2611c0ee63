// Public types of cdp-native. Commands and events are typed from the pinned
// `devtools-protocol` package; `sendUnchecked` is the escape hatch for anything newer.
// Node's types (EventEmitter, ChildProcess, AbortSignal) come from @types/node, referenced
// here so that a project whose tsconfig leaves `types` empty (TypeScript 7's default) compiles.

/// <reference types="node" />

import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type Protocol from 'devtools-protocol';
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping';
import type { ProtocolProxyApi } from 'devtools-protocol/types/protocol-proxy-api';
import type { ProtocolApi } from './types/domain-api.js';

export type { Protocol, ProtocolMapping, ProtocolProxyApi };

/** Every CDP command the pinned protocol knows, e.g. `'Page.navigate'`. */
export type CommandName = keyof ProtocolMapping.Commands;
/** Every CDP event the pinned protocol knows, e.g. `'Page.loadEventFired'`. */
export type EventName = keyof ProtocolMapping.Events;
/** The result `send(method)` resolves with. */
export type CommandResult<M extends CommandName> = ProtocolMapping.Commands[M]['returnType'];
/** The params object an event's listener gets. */
export type EventParams<E extends EventName> = ProtocolMapping.Events[E] extends [infer P] ? P : undefined;

export interface SendOptions {
  /** ms to wait for the answer; overrides `protocolTimeout`; 0 or Infinity = no limit (at most 2147483647). */
  timeout?: number;
  /** Rejects the call with an AbortError when aborted. */
  signal?: AbortSignal;
}

/** The options of `waitForEvent` and of a domain event's wait (`await Page.loadEventFired({ timeout })`). */
export interface WaitForEventOptions<P> {
  /** The wait ends at the first event this accepts; called synchronously with the event's params. A throw rejects the wait. */
  predicate?: (params: P) => boolean;
  /** ms to wait; default the `protocolTimeout`; 0 = no limit. Then it rejects with a TimeoutError. */
  timeout?: number;
  /** Rejects the wait with an AbortError when aborted (a TimeoutError for `AbortSignal.timeout()`). */
  signal?: AbortSignal;
}

/** `newPage`'s options. */
export interface NewPageOptions {
  /**
   * When `newPage(url)` resolves: after the page's `load` event (the default, as Puppeteer's
   * `goto`), after `DOMContentLoaded`, or as soon as it is attached (`'none'`).
   */
  waitUntil?: 'load' | 'domcontentloaded' | 'none';
  /** ms to wait for `waitUntil`; default the `protocolTimeout`; 0 = no limit. */
  timeout?: number;
}

/** `send`'s arguments after the method: params (required when the command has required ones), then options. */
export type SendArgs<M extends CommandName> = ProtocolMapping.Commands[M]['paramsType'] extends []
  ? [params?: Record<string, never>, options?: SendOptions]
  : ProtocolMapping.Commands[M]['paramsType'] extends [infer P]
    ? [params: P, options?: SendOptions]
    : ProtocolMapping.Commands[M]['paramsType'] extends [(infer P)?]
      ? [params?: P, options?: SendOptions]
      : never;

export type { DomainApi, DomainEvent, DomainName, ProtocolApi } from './types/domain-api.js';

/**
 * Why a session or a connection ended, as data:
 * - `detach`: `detach()` was called;
 * - `target-closed`: the target was closed or detached elsewhere;
 * - `target-crashed`: its renderer crashed;
 * - `close`: `close()` or `disconnect()` was called;
 * - `connection-lost`: the other side closed, reset or reached EOF (`closeCode` when a
 *   WebSocket close frame had one);
 * - `bad-message`: the peer sent malformed JSON, a binary frame or invalid UTF-8;
 * - `message-too-large`: an incoming message was over `maxMessageSize`;
 * - `internal`: a bug caught inside the transport.
 */
export type CloseCode =
  | 'detach'
  | 'target-closed'
  | 'target-crashed'
  | 'close'
  | 'connection-lost'
  | 'bad-message'
  | 'message-too-large'
  | 'internal';

export interface DisconnectInfo {
  /** A sentence naming the cause. */
  reason: string;
  /** The cause as data. */
  code: CloseCode;
  /** The WebSocket close code, when the end was a close frame that had one. */
  closeCode?: number;
}

/** `{ method, params }` of every protocol event, for the catch-all `'event'`. */
export type AnyEvent = { [E in EventName]: { method: E; params: EventParams<E> } }[EventName];

export declare class CDPSession extends EventEmitter {
  private constructor();
  /** Sends one CDP command; resolves with its result. */
  send<M extends CommandName>(method: M, ...args: SendArgs<M>): Promise<CommandResult<M>>;
  /** Domain helpers: `const { Page } = session.api; await Page.navigate({ url }); Page.on('loadEventFired', fn)`. */
  readonly api: ProtocolApi;
  /** Sends any method with any params, for commands newer than the pinned protocol. */
  sendUnchecked(method: string, params?: Record<string, unknown>, options?: SendOptions): Promise<Record<string, unknown>>;
  /**
   * The params of the next `event` that `options.predicate` accepts. Rejects with a
   * TimeoutError, an AbortError, or a TargetClosedError when the session ends first.
   */
  waitForEvent<E extends EventName>(event: E, options?: WaitForEventOptions<EventParams<E>>): Promise<EventParams<E>>;
  waitForEvent(event: 'event', options?: WaitForEventOptions<AnyEvent>): Promise<AnyEvent>;
  /** Resolves when the session ends (at once if it has), never rejects with TargetClosedError. */
  waitForEvent(event: 'detached', options?: WaitForEventOptions<DisconnectInfo>): Promise<DisconnectInfo>;
  waitForEvent(event: 'sessionattached', options?: WaitForEventOptions<CDPSession>): Promise<CDPSession>;
  /** Ends the session; resolves at once when it has already ended. */
  detach(): Promise<void>;
  /** The CDP sessionId; undefined for the root session `connectTarget()` returns. */
  readonly id: string | undefined;
  /** The attached target's id; undefined for the browser session (and a root session whose endpoint did not say). */
  readonly targetId: string | undefined;
  /** The Browser that owns this session; null for `connectTarget()`'s sessions. */
  readonly connection: Browser | null;
  readonly browser: Browser | null;

  on<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  on(event: 'event', listener: (event: AnyEvent) => void): this;
  on(event: 'detached', listener: (info: DisconnectInfo) => void): this;
  on(event: 'sessionattached', listener: (session: CDPSession) => void): this;
  once<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  once(event: 'event', listener: (event: AnyEvent) => void): this;
  once(event: 'detached', listener: (info: DisconnectInfo) => void): this;
  once(event: 'sessionattached', listener: (session: CDPSession) => void): this;
  off<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  off(event: 'event', listener: (event: AnyEvent) => void): this;
  off(event: 'detached', listener: (info: DisconnectInfo) => void): this;
  off(event: 'sessionattached', listener: (session: CDPSession) => void): this;
  addListener<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  addListener(event: 'event', listener: (event: AnyEvent) => void): this;
  addListener(event: 'detached', listener: (info: DisconnectInfo) => void): this;
  addListener(event: 'sessionattached', listener: (session: CDPSession) => void): this;
  removeListener<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  removeListener(event: 'event', listener: (event: AnyEvent) => void): this;
  removeListener(event: 'detached', listener: (info: DisconnectInfo) => void): this;
  removeListener(event: 'sessionattached', listener: (session: CDPSession) => void): this;
}

export declare class Browser extends EventEmitter {
  private constructor();
  /**
   * Opens a page (`Target.createTarget`) and attaches a flat session to it. Given a url, it
   * resolves once the page reached `options.waitUntil` ('load' by default), subscribed before
   * navigating; a page whose navigation fails or times out is closed.
   */
  newPage(url?: string, options?: NewPageOptions): Promise<CDPSession>;
  /** `Target.attachToTarget({ targetId, flatten: true })`. */
  newCDPSession(targetId: string): Promise<CDPSession>;
  /** A detachable session on the browser target (`Target.attachToBrowserTarget`). */
  newBrowserCDPSession(): Promise<CDPSession>;
  /** `Target.getTargets`. */
  targets(): Promise<Protocol.Target.TargetInfo[]>;
  /** `Browser.getVersion`. */
  version(): Promise<Protocol.Browser.GetVersionResponse>;
  /** The browser WebSocket URL; undefined over a pipe. */
  readonly wsEndpoint: string | undefined;
  /** The launched browser's process; null for connect(). */
  readonly process: ChildProcess | null;
  /** False once the transport has closed. */
  readonly connected: boolean;
  /** Launched: closes the browser and removes its temporary profile. Connected: disconnect(). */
  close(): Promise<void>;
  /** Closes the connection; leaves a WebSocket-connected browser running. */
  disconnect(): Promise<void>;

  on(event: 'disconnected', listener: (info: DisconnectInfo) => void): this;
  on<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  on(event: 'event', listener: (event: AnyEvent) => void): this;
  once(event: 'disconnected', listener: (info: DisconnectInfo) => void): this;
  once<E extends EventName>(event: E, listener: (params: EventParams<E>) => void): this;
  once(event: 'event', listener: (event: AnyEvent) => void): this;
}

export interface LaunchOptions {
  /** Default: `$CHROME_PATH`, else the first of chromium, chromium-browser, google-chrome, google-chrome-stable on PATH. */
  executablePath?: string;
  /** Default true. */
  headless?: boolean;
  /** Default 'pipe' (no TCP port); 'websocket' listens on a random 127.0.0.1 port. */
  transport?: 'pipe' | 'websocket';
  /** Extra command-line flags, appended. */
  args?: string[];
  /** Default: a fresh temporary folder, removed on close. */
  userDataDir?: string;
  /** ms to wait for the browser to be ready (0 or Infinity: no limit; at most 2147483647). Default 30000. */
  timeout?: number;
  /** Default per-send timeout in ms (0 or Infinity: none; at most 2147483647). Default 180000. */
  protocolTimeout?: number;
  /** Cap on one incoming message in bytes, at most V8's longest string (536870888). Default 536870888. */
  maxMessageSize?: number;
  /** Environment of the browser process (its TMPDIR is set to a folder of its own). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Kill the browser when Node receives SIGINT (as Puppeteer). Default true. */
  handleSIGINT?: boolean;
  /** Kill the browser when Node receives SIGTERM. Default true. */
  handleSIGTERM?: boolean;
  /** Kill the browser when Node receives SIGHUP. Default true. */
  handleSIGHUP?: boolean;
}

export interface ConnectOptions {
  /** `ws://…/devtools/browser/<id>`, `wss://…`, or an http(s) origin resolved through /json/version. */
  endpoint: string;
  /** Sent on the /json/version request and on the WebSocket upgrade. */
  headers?: Record<string, string>;
  /** ms for the whole connect: /json/version, the upgrade, the first command (0 or Infinity: no limit). Default 30000. */
  timeout?: number;
  /** Ends the connect with an AbortError (a TimeoutError for AbortSignal.timeout()). */
  signal?: AbortSignal;
  protocolTimeout?: number;
  maxMessageSize?: number;
}

/** One target of an endpoint's `GET /json/list` (Chromium's, Node's inspector's). */
export interface TargetListEntry {
  id: string;
  /** `'page'`, `'iframe'`, `'worker'`, `'service_worker'`, Node's `'node'`, … */
  type: string;
  title?: string;
  url?: string;
  /** Left out while another client is attached to the target. */
  webSocketDebuggerUrl?: string;
  [field: string]: unknown;
}

export interface ConnectTargetOptions extends ConnectOptions {
  /** A target's own WebSocket URL (`ws://…/devtools/page/<id>`, Node's `ws://…/<uuid>`), or an http(s) origin read through `/json/list`. */
  endpoint: string;
  /** With an http(s) origin: the target's id, or a function of the list returning an entry or its index. Default: the first page, else the first target. */
  target?: string | ((targets: TargetListEntry[]) => TargetListEntry | number);
}

export declare function launch(options?: LaunchOptions): Promise<Browser>;
export declare function connect(endpoint: string | ConnectOptions): Promise<Browser>;
/** The root session (no sessionId) of any CDP endpoint: a page's, Node's inspector, … Nothing is sent on connect; `detach()` closes it. */
export declare function connectTarget(endpoint: string | ConnectTargetOptions): Promise<CDPSession>;

export type { LibraryTransportOptions, PlaywrightTransport, PuppeteerTransport } from './types/adapters.js';
export { playwrightTransport, puppeteerTransport } from './types/adapters.js';

/** The browser answered with an error. */
export declare class ProtocolError extends Error {
  readonly method: string;
  readonly code: number;
  readonly data: unknown;
  readonly originalMessage: string;
}
/** The session or connection ended before the answer. */
export declare class TargetClosedError extends Error {
  readonly method: string;
  /** A sentence naming the cause (also in `message`). */
  readonly reason: string;
  /** The cause as data, as `'detached'` and `'disconnected'` give it. */
  readonly code: CloseCode;
  /** The WebSocket close code, when the end was a close frame that had one. */
  readonly closeCode?: number;
}
/** No answer within the timeout. */
export declare class TimeoutError extends Error {
  readonly method: string;
  /** ms; undefined when the call's AbortSignal.timeout() fired. */
  readonly timeout: number | undefined;
}
/** The launched browser was not ready within launch()'s `timeout`. */
export declare class LaunchTimeoutError extends TimeoutError {
  readonly method: 'launch';
  readonly timeout: number;
  /** The last lines the browser wrote to stderr. */
  readonly stderr: string;
}
/** The call's AbortSignal fired. */
export declare class AbortError extends Error {
  readonly name: 'AbortError';
  readonly method: string;
}
