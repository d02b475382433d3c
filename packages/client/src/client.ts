import { ClientCore } from './internal/core.js';
import { contextOf } from './internal/core.js';
import { NULL_BODY_STATUSES, withoutFragment } from './internal/exchange.js';
import { HttpCache } from './internal/http-cache.js';
import { directSender } from './internal/node-http.js';
import { retryPolicy, systemClock } from './internal/retry.js';
import { Transport } from './internal/transport.js';
import type { Middleware, MiddlewareScope } from './middleware.js';
import type { ClientOptions, Clock, DeprecationNotice, RequestOptions } from './options.js';
import { RESOURCE_ACCEPT } from './representations.js';
import type { Resource } from './resource.js';
import type { State } from './state.js';
import { Submission, clonePending, type PendingSubmission } from './submission.js';
import type { ResourceType } from './typing.js';
import {
  runWorkflow,
  type RunOptions,
  type WorkflowResult,
  type WorkflowStep,
} from './workflow.js';

/** Options of `HalwayClient.fetch`: a plain request through the client's layers. */
export interface FetchOptions extends RequestOptions {
  /** Method (default GET). */
  method?: string;
  /** Body, already encoded. */
  body?: string;
}

/**
 * A hypermedia client: it walks HAL and HAL-FORMS resources across services knowing only an
 * entry URL, relation names and template names. It resolves every href against the document
 * it came from, honours HTTP caching, merges identical concurrent GETs, retries safely with
 * idempotency keys, scopes credentials to their origins, and traces every hop.
 *
 * @example
 * const client = createClient();
 * client.use(bearerAuth(token), { origin: 'https://orders.example' });
 * const order = await client
 *   .go('https://orders.example/')
 *   .follow('orders')
 *   .follow('order', { vars: { id: 17 } })
 *   .get();
 * const receipt = await order.form('pay').submit({ amount: 4.5 });
 */
export class HalwayClient {
  readonly #core: ClientCore;
  readonly #transport: Transport;
  readonly #cache: HttpCache | undefined;
  readonly #clock: Clock;

  /** Creates a client; see {@link ClientOptions}. */
  constructor(options: ClientOptions = {}) {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new TypeError('createClient(): no fetch implementation; pass options.fetch');
    }
    this.#clock = options.clock ?? systemClock;
    const cacheOptions = options.cache === false ? undefined : (options.cache ?? {});
    this.#cache = cacheOptions && new HttpCache(this.#clock, cacheOptions.maxEntries);
    this.#transport = new Transport({
      fetch: (input, init) => fetchImpl(input, init),
      direct: directSender(options.fetch),
      clock: this.#clock,
      retry: retryPolicy(options.retry),
      cache: this.#cache,
      timeout: options.timeout ?? 30_000,
      maxRedirects: options.maxRedirects ?? 10,
      onHop: options.onHop,
      onInvalidate: (url) => this.#core.invalidated(url),
    });
    this.#core = new ClientCore(
      this.#transport,
      options.preferRepresentation !== false,
      options.onDeprecation ?? warnDeprecation,
    );
  }

  /**
   * A handle on the resource at `url` (absolute, or relative to the page in a browser). No
   * request is made until the handle is used.
   */
  go<T extends ResourceType = ResourceType>(url: string | URL): Resource<T> {
    return this.#core.resource<T>(absoluteUrl('HalwayClient.go()', url));
  }

  /**
   * Adds a middleware for the origins of `scope`. Middlewares run in the order they were added,
   * each only for requests to its origins, on every attempt and redirect hop.
   *
   * @example
   * client
   *   .use(bearerAuth(ordersToken), { origin: 'https://orders.example' })
   *   .use(basicAuth('svc', secret), { origin: ['https://payments.example', /\.internal$/] });
   */
  use(middleware: Middleware, scope: MiddlewareScope): this {
    this.#transport.stack.use(middleware, scope);
    return this;
  }

  /**
   * Sends a plain request through the client's layers (merging, cache, redirects, retries,
   * middlewares, trace) and returns the response with its body intact.
   */
  async fetch(url: string | URL, options: FetchOptions = {}): Promise<Response> {
    const target = absoluteUrl('HalwayClient.fetch()', url);
    const headers = new Headers({ accept: RESOURCE_ACCEPT });
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const method = (options.method ?? 'GET').toUpperCase();
    const result = await this.#transport.send(
      { method, url: target, headers, body: options.body },
      contextOf(options),
    );
    const body = NULL_BODY_STATUSES.has(result.status) ? null : result.body;
    return new Response(body, { status: result.status, headers: result.headers });
  }

  /**
   * Sends a persisted submission again, with its own `Idempotency-Key`: what an outbox does
   * after a crash, to get the outcome of a request whose response was lost.
   */
  replay<T extends ResourceType = ResourceType>(
    pending: PendingSubmission,
    options: RequestOptions = {},
  ): Promise<State<T>> {
    const submission = new Submission(this.#core, clonePending(pending, 'HalwayClient.replay()'));
    return submission.send(options);
  }

  /**
   * Runs a workflow from `entry`: each step follows a relation, submits a template, or waits for
   * a relation to appear. After each step (and before each unsafe submission) `onCursor` gets a
   * plain-JSON cursor; pass it back as `cursor` to resume after a crash without repeating any
   * effect.
   *
   * @example
   * const { state } = await client.run(entry, [
   *   { follow: 'orders' },
   *   { submit: 'create', values: { drink: 'latte' } },
   *   { follow: 'payment' },
   *   { submit: 'pay', values: { amount: 4.5 } },
   * ], { onCursor: (cursor) => save(cursor) });
   */
  run(
    entry: string | URL,
    steps: readonly WorkflowStep[],
    options: RunOptions = {},
  ): Promise<WorkflowResult> {
    if (!Array.isArray(steps)) throw new TypeError('HalwayClient.run(): steps must be an array');
    return runWorkflow({
      core: this.#core,
      clock: this.#clock,
      entry: absoluteUrl('HalwayClient.run()', entry),
      steps,
      options,
    });
  }

  /** Drops what the cache holds for `url`, and marks embedded snapshots of it stale. */
  invalidate(url: string | URL): void {
    const target = withoutFragment(absoluteUrl('HalwayClient.invalidate()', url));
    this.#cache?.invalidate(target);
    this.#core.invalidated(target);
  }

  /** Empties the HTTP cache. */
  clearCache(): void {
    this.#cache?.clear();
  }
}

/**
 * Creates a {@link HalwayClient}.
 *
 * @example
 * const client = createClient({ timeout: 5000, retry: { retries: 3 } });
 * const home = await client.go('https://shop.example/').get();
 */
export function createClient(options: ClientOptions = {}): HalwayClient {
  return new HalwayClient(options);
}

function absoluteUrl(call: string, url: string | URL): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(String(url), base).href;
  } catch {
    throw new TypeError(`${call}: ${JSON.stringify(String(url))} is not an absolute URL`);
  }
}

function warnDeprecation(notice: DeprecationNotice): void {
  const about = notice.deprecation === true ? '' : ` (see ${notice.deprecation})`;
  console.warn(`Halway: link "${notice.rel}" from ${notice.from} is deprecated${about}`);
}
