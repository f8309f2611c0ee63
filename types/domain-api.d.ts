// The types of `session.api` (lib/domain-api.js): each domain of the pinned protocol, its
// commands as functions and its events as subscriptions or waits. Re-exported by index.d.ts.

import type { CommandName, CommandResult, EventName, EventParams, SendArgs, WaitForEventOptions } from '../index.js';

type DomainOf<Name> = Name extends `${infer D}.${string}` ? D : never;
/** Every domain of the pinned protocol, e.g. `'Page'`. */
export type DomainName = DomainOf<CommandName> | DomainOf<EventName>;
/** A domain's events by their short name: `{ loadEventFired: LoadEventFiredEvent, … }` for `'Page'`. */
type DomainEvents<D extends string> = {
  [E in EventName as E extends `${D}.${infer Short}` ? Short : never]: EventParams<E>;
};
type DomainListener<D extends string> = <N extends keyof DomainEvents<D>>(
  event: N,
  listener: (params: DomainEvents<D>[N]) => void,
) => DomainApi<D>;

/** One event of `session.api`: called with a listener it subscribes, otherwise it waits. */
export interface DomainEvent<P> {
  /** Subscribes `listener`; returns the function that unsubscribes it. */
  (listener: (params: P) => void): () => void;
  /** Waits for the next such event (`session.waitForEvent`). */
  (options?: WaitForEventOptions<P>): Promise<P>;
}

/**
 * One domain of `session.api`: its commands, which send (`Page.navigate({ url })`); its events
 * by short name, which subscribe given a listener and return the unsubscribe function
 * (`Page.loadEventFired(fn)`), or else wait (`await Page.loadEventFired({ timeout })`); and
 * `on`/`once`/`off` with short event names.
 */
export type DomainApi<D extends string> = {
  [C in CommandName as C extends `${D}.${infer Short}` ? Short : never]: (...args: SendArgs<C>) => Promise<CommandResult<C>>;
} & {
  [E in EventName as E extends `${D}.${infer Short}` ? Short : never]: DomainEvent<EventParams<E>>;
} & {
  on: DomainListener<D>;
  once: DomainListener<D>;
  off: DomainListener<D>;
  addListener: DomainListener<D>;
  removeListener: DomainListener<D>;
  prependListener: DomainListener<D>;
};

/** `session.api`: every domain of the pinned protocol. Assignable to devtools-protocol's `ProtocolProxyApi.ProtocolApi`. */
export type ProtocolApi = { readonly [D in DomainName]: DomainApi<D> };
