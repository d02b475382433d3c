import type { Authentication } from '../auth/authentication.js';
import type { LinkSettings } from '../links/origin.js';
import type { ToExpress } from '../http/incoming.js';
import type { Logger } from '../logger.js';
import type { OutboxRelay } from '../outbox/relay.js';
import type { Peers } from '../peers/peers.js';
import type { RepresentationCache } from '../representations/cache.js';
import type { Store } from '../storage/store.js';
import type { CompiledResource } from './compile.js';
import type { AnyResource, Resource } from './resource.js';

/** What the request path of a service shares: its compiled resources and its logger. */
export interface ServiceRuntime {
  /** Compiled resources by resource. */
  readonly resources: ReadonlyMap<Resource<unknown, unknown, unknown>, CompiledResource>;
  /** The service's logger. */
  readonly log: Logger;
  /** How callers are identified, if at all. */
  readonly authentication: Authentication | undefined;
  /** Where the service's documents, outbox and idempotency keys are. */
  readonly store: Store;
  /** The outbox's relay, woken when an action queued messages. */
  readonly outbox: OutboxRelay;
  /** How long an idempotency key is kept, in ms. */
  readonly idempotencyTtl: number;
  /** The bound on one action's transaction, in ms. */
  readonly transactionTimeout: number;
  /** The service's peers. */
  readonly peers: Peers;
  /** `Vary` of representations: `Accept`, plus the credential headers when templates depend on the caller. */
  readonly vary: string;
  /** The service's public URL, if configured. */
  readonly publicUrl: string | undefined;
  /** How absolute links get their origin. */
  readonly links: LinkSettings;
  /** Makes a request Express's, for code that wants Express's API (`context.request`). */
  readonly toExpress: ToExpress;
  /** Replies rendered for resources declared `cacheByVersion`. */
  readonly representations: RepresentationCache;
}

/** The compiled form of a resource of the service; a TypeError naming `caller` when it is not one. */
export function compiledOf(
  runtime: ServiceRuntime,
  resource: AnyResource,
  caller: string,
): CompiledResource {
  const compiled = runtime.resources.get(resource as Resource<unknown, unknown, unknown>);
  if (!compiled)
    throw new TypeError(
      `${caller}: ${resource.path.route} is not a resource of this service (add it to createService's resources)`,
    );
  return compiled;
}
