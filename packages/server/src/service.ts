import express, { type Express, type RequestHandler } from 'express';
import { profileHandler } from './alps/publish.js';
import type { Authentication } from './auth/authentication.js';
import { corsMiddleware, type CorsOptions } from './http/cors.js';
import { idempotencySettings, type IdempotencyOptions } from './idempotency/idempotency.js';
import { createBodyParser } from './http/body.js';
import { notFound, problemHandler } from './http/problems.js';
import { requestLog } from './http/request-log.js';
import { defaultLogger, silentLogger, type Logger } from './logger.js';
import { createPeers, type PeerConfig, type Peers } from './peers/peers.js';
import { compileResource, type CompiledResource } from './resource/compile.js';
import type { AnyResource, Resource } from './resource/resource.js';
import type { ServiceRuntime } from './resource/runtime.js';
import { collectEndpoints } from './routing/endpoints.js';
import { mountEndpoints } from './routing/router.js';
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
   * The origin clients reach the service at (`https://orders.example.com`), for absolute links
   * (`context.absoluteUrl`). Without it they come from the request's protocol and Host header;
   * set it behind a proxy, or when the Host header cannot be trusted.
   */
  publicUrl?: string;
  /** How long reading a peer's home document may take before its last known one is used (ms, default 1000). */
  peerTimeout?: number;
  /** Where `Idempotency-Key`s are kept and for how long (default: in memory, 24 hours). */
  idempotency?: IdempotencyOptions;
  /** The largest request body accepted (bytes, or a string such as `'100kb'`; default `'100kb'`). */
  bodyLimit?: string | number;
}

/**
 * Creates the Express app of a service. Everything derivable from the declarations (templates,
 * compiled validators, the route table) is computed here, once; mistakes in them throw a
 * TypeError now rather than fail a request later.
 *
 * @example
 * const app = createService({ name: 'orders', resources: [home, orders, order] });
 * await serve(app, { port: 4001 });
 */
export function createService(options: ServiceOptions): Express {
  if (!Array.isArray(options?.resources) || options.resources.length === 0) {
    throw new TypeError('createService(): give the service at least one resource in "resources"');
  }
  const log =
    options.logger === false
      ? silentLogger
      : (options.logger ?? defaultLogger(options.name ? { service: options.name } : {}));
  const validators = createValidators();
  const compiled = new Map<Resource<unknown, unknown>, CompiledResource>();
  for (const resource of options.resources as Resource<unknown, unknown>[]) {
    if (compiled.has(resource))
      throw new TypeError(`createService(): ${resource.path.route} is listed twice`);
    compiled.set(resource, compileResource(resource, validators));
  }
  checkTargets(compiled);
  const runtime: ServiceRuntime = {
    resources: compiled,
    log,
    authentication: options.authentication,
    vary: varyOf(options.authentication),
    idempotency: idempotencySettings(options.idempotency),
    publicUrl: options.publicUrl === undefined ? undefined : publicOrigin(options.publicUrl),
    peers: isPeers(options.peers)
      ? options.peers
      : createPeers({ peers: options.peers ?? {}, timeout: options.peerTimeout }, log),
  };
  const endpoints = collectEndpoints([...compiled.values()]);

  const app = express();
  app.disable('x-powered-by');
  // ETags are ours: state versions plus representation digests (see conditional/etag.ts).
  app.set('etag', false);
  app.use(requestLog(log));
  if (options.cors) app.use(corsMiddleware(options.cors));
  if (options.explorer) app.use(options.explorer);
  app.use(profileHandler([...compiled.values()], options.name));
  mountEndpoints(app, runtime, endpoints, createBodyParser(options.bodyLimit ?? '100kb'));
  app.use(notFound());
  app.use(problemHandler(log));
  return app;
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

function checkTargets(compiled: ReadonlyMap<Resource<unknown, unknown>, CompiledResource>): void {
  for (const { resource, actions } of compiled.values()) {
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
