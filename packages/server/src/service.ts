import express, { type Express, type RequestHandler } from 'express';
import { staticLinksOf } from './alps/publish.js';
import type { Authentication } from './auth/authentication.js';
import type { CorsOptions } from './http/cors.js';
import { idempotencyTtl, type IdempotencyOptions } from './idempotency/idempotency.js';
import { curieSettings, type RelationsOptions } from './links/relations.js';
import { defaultLogger, silentLogger, type Logger } from './logger.js';
import { outboxResources, type OutboxOperator } from './outbox/operator.js';
import { createOutboxRelay, type OutboxOptions } from './outbox/relay.js';
import { serviceOutbox, type ServiceOutbox } from './outbox/view.js';
import { RepresentationCache } from './representations/cache.js';
import { createPeers, type PeerConfig, type Peers } from './peers/peers.js';
import { compileResource, type CompiledResource } from './resource/compile.js';
import { Resource, type AnyResource } from './resource/resource.js';
import type { ServiceRuntime } from './resource/runtime.js';
import { collectEndpoints } from './routing/endpoints.js';
import { mountService } from './routing/mount.js';
import { expressRequestsOf } from './routing/router.js';
import { createMemoryStore, DEFAULT_TRANSACTION_TIMEOUT, type Store } from './storage/store.js';
import { createValidators } from './validation/ajv.js';

/** How to put a service together. */
export interface ServiceOptions {
  /** Every resource of the service: its home, collections and items. */
  resources: readonly AnyResource[];
  /** The service's name, in its log entries. */
  name?: string;
  /** Where to log; `false` for nowhere. Default: JSON lines on stdout, silent when NODE_ENV is `test`. */
  logger?: Logger | false;
  /** Browser origins allowed to call the service from elsewhere. CORS is off without it. */
  cors?: CorsOptions;
  /**
   * The browser explorer (`explorer()` from `@halway/explorer`): a handler that answers requests
   * preferring `text/html` with the explorer and serves its assets. Mounted before the resources;
   * JSON clients are not affected. Without it, browsers get the resources' JSON.
   */
  explorer?: RequestHandler;
  /**
   * How callers are identified (`bearerAuthentication`, `apiKeyAuthentication`, or your own). With
   * it, actions can say who may take them (`allow`), and representations vary by credentials.
   */
  authentication?: Authentication;
  /**
   * The services this one links into and calls, by name, with their entry URLs (never their
   * paths) and the credentials to call them with. Links into them are built from what their
   * home documents publish: `context.peers.link('payments', 'payment-for', { order })`.
   * Give the result of `createPeers()` instead to share its client (with an outbox, say).
   */
  peers?: Record<string, PeerConfig> | Peers;
  /**
   * The origin clients reach the service at (`https://orders.example.com`): every href, form
   * target and option link is made absolute with it, and so is `context.absoluteUrl`. Without
   * it the origin comes from the request's protocol and Host header (or a trusted proxy's
   * headers, see `trustProxy`); set it in production, behind a proxy, or when the Host header
   * cannot be trusted.
   */
  publicUrl?: string;
  /**
   * Whose `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host` to believe when making links
   * absolute without a `publicUrl`: `false` (default) believes nobody, so a client cannot move
   * the links by sending them; `true` believes the proxy in front (only the last value of each,
   * the one it wrote); a list of addresses believes only connections from those. Set it only
   * when a proxy that sets (or overwrites) those headers is always in front of the service.
   */
  trustProxy?: boolean | readonly string[];
  /**
   * Keep hrefs, form targets and option links as root-relative paths (`/orders/17`) instead of
   * absolute URLs (default false). Relative links break clients that resolve them against their
   * own page (HAL Explorer) or the first URL of a walk (Traverson).
   */
  relativeLinks?: boolean;
  /**
   * The service's own link relations as CURIEs (`cs:receipt`), each with a documentation page
   * the service serves at `path` (default `/rels`); documents that use them get the `curies`
   * link that points there. HAL asks for documented URIs or CURIEs for relations that are not
   * IANA-registered.
   */
  relations?: RelationsOptions;
  /** How long reading a peer's home document may take before its last known one is used (ms, default 1000). */
  peerTimeout?: number;
  /**
   * Where the service keeps its documents, its outbox and its idempotency keys, so that one
   * transaction covers all three: `createSqliteStore({ file })` (embedded, durable),
   * `createPostgresStore({ connectionString })` (several processes and machines). Default: a
   * memory store, for tests and demos only (everything is lost when the process ends).
   */
  store?: Store;
  /**
   * The bound on one action's transaction, in ms (default 10000): past it the action is rolled
   * back and answered 503, so that a stuck handler cannot hold its locks for ever.
   */
  transactionTimeout?: number;
  /** How long `Idempotency-Key`s are kept (default 24 hours). */
  idempotency?: IdempotencyOptions;
  /**
   * How the outbox delivers what actions `send` to other services, and who may see it: with
   * `operator`, the outbox is served as HAL resources at `path` (default `/outbox`) to the
   * callers it accepts, with a `retry` form on each message refused for good.
   */
  outbox?: OutboxOptions & {
    /** Who may see the outbox (and retry its messages); without it, it is not served. */
    operator?: OutboxOperator;
    /** Where the outbox is served (default `/outbox`). */
    path?: string;
  };
  /**
   * The most bytes of rendered replies kept for resources declared `cacheByVersion` (default
   * 8 MiB); the oldest go first.
   */
  representationCacheBytes?: number;
  /** The largest request body accepted (bytes, or a string such as `'100kb'`; default `'100kb'`). */
  bodyLimit?: string | number;
}

/** A service: its Express app, with its store and outbox. */
export interface Service extends Express {
  /** Where it keeps its documents, outbox and idempotency keys. */
  readonly store: Store;
  /** Its outbox: the backlog, failed messages, and delivery now (`drain`, for tests and scripts). */
  readonly outbox: ServiceOutbox;
  /**
   * Stops the outbox (waiting for deliveries on their way) and the purge of expired keys, then
   * closes the store. `serve()` calls it when the server closes.
   */
  close(): Promise<void>;
}

const KEY_PURGE_INTERVAL = 10 * 60 * 1000;

/**
 * Creates the Express app of a service. Everything derivable from the declarations (templates,
 * compiled validators, the route table) is computed here, once; mistakes in them throw a
 * TypeError now rather than fail a request later.
 *
 * @example
 * const app = createService({ name: 'orders', resources: [home, orders, order] });
 * await serve(app, { port: 4001 });
 */
export function createService(options: ServiceOptions): Service {
  if (!Array.isArray(options?.resources) || options.resources.length === 0) {
    throw new TypeError('createService(): give the service at least one resource in "resources"');
  }
  const log =
    options.logger === false
      ? silentLogger
      : (options.logger ?? defaultLogger(options.name ? { service: options.name } : {}));
  const store = options.store ?? createMemoryStore();
  const peers = isPeers(options.peers)
    ? options.peers
    : createPeers({ peers: options.peers ?? {}, timeout: options.peerTimeout }, log);
  const { operator, path: outboxPath = '/outbox', ...delivery } = options.outbox ?? {};
  const relay = createOutboxRelay(store.internals.outbox, peers.outboxClient, log, delivery);
  const resources = [
    ...options.resources,
    ...(operator ? outboxResources(outboxPath, store.internals.outbox, operator) : []),
  ];
  const publicUrl = options.publicUrl === undefined ? undefined : publicOrigin(options.publicUrl);
  const validators = createValidators();
  const compiled = new Map<Resource<unknown, unknown, unknown>, CompiledResource>();
  for (const resource of resources as Resource<unknown, unknown, unknown>[]) {
    if (compiled.has(resource))
      throw new TypeError(`createService(): ${resource.path.route} is listed twice`);
    compiled.set(resource, compileResource(resource, validators));
  }
  checkTargets(compiled);
  const app = express();
  app.disable('x-powered-by');
  // ETags are ours: state versions plus representation digests (see conditional/etag.ts).
  app.set('etag', false);
  app.set('case sensitive routing', true);
  const runtime: ServiceRuntime = {
    toExpress: expressRequestsOf(app),
    resources: compiled,
    log,
    authentication: options.authentication,
    vary: varyOf(options.authentication),
    store,
    outbox: relay,
    idempotencyTtl: idempotencyTtl(options.idempotency),
    transactionTimeout: positive(
      options.transactionTimeout ?? DEFAULT_TRANSACTION_TIMEOUT,
      'transactionTimeout',
      'ms',
    ),
    publicUrl,
    links: {
      publicUrl,
      trustProxy: options.trustProxy ?? false,
      absolute: !options.relativeLinks,
      curie: options.relations ? curieSettings(options.relations) : undefined,
    },
    peers,
    representations: new RepresentationCache(
      positive(
        options.representationCacheBytes ?? 8 * 1024 * 1024,
        'representationCacheBytes',
        'bytes',
      ),
    ),
  };

  mountService(app, runtime, collectEndpoints([...compiled.values()]), options);

  const purge = setInterval(() => {
    store.internals.purgeKeys(Date.now()).catch((error: unknown) =>
      log.warn('expired idempotency keys not purged', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }, KEY_PURGE_INTERVAL);
  purge.unref();
  let closing: Promise<void> | undefined;
  return Object.assign(app, {
    store,
    outbox: serviceOutbox(store.internals.outbox, relay),
    close: () =>
      (closing ??= (async () => {
        clearInterval(purge);
        await relay.stop();
        await store.close();
      })()),
  });
}

function positive(value: number, name: string, unit: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`createService(): ${name} must be a positive number of ${unit}`);
  return value;
}

// Representations differ by media type and, when templates depend on the caller, by credentials.
function varyOf(authentication: Authentication | undefined): string {
  const headers = (authentication?.headers ?? []).map((header) =>
    header.replace(
      /(^|-)([a-z])/g,
      (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
    ),
  );
  return ['Accept', ...headers].join(', ');
}

function publicOrigin(url: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TypeError(
      `createService(): publicUrl must be an absolute http(s) URL, got ${JSON.stringify(url)}`,
    );
  }
  return new URL(url).origin;
}

function isPeers(value: ServiceOptions['peers']): value is Peers {
  return (
    typeof value === 'object' &&
    value !== null &&
    'client' in value &&
    typeof value.link === 'function'
  );
}

function checkTargets(
  compiled: ReadonlyMap<Resource<unknown, unknown, unknown>, CompiledResource>,
): void {
  for (const { resource, actions } of compiled.values()) {
    for (const [rel, target] of Object.entries(staticLinksOf(resource))) {
      if (
        target instanceof Resource &&
        !compiled.has(target as Resource<unknown, unknown, unknown>)
      ) {
        throw new TypeError(
          `createService(): ${resource.path.route} links "${rel}" to ${target.path.route}, which is not in "resources"; add it there`,
        );
      }
    }
    for (const action of actions) {
      const { options } = action.declaration;
      if (
        'target' in options &&
        typeof options.target !== 'string' &&
        !compiled.has(options.target)
      ) {
        throw new TypeError(
          `createService(): the target of action "${action.name}" of ${resource.path.route} is not a resource of this service`,
        );
      }
    }
  }
}
