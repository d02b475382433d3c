import type { Hop } from './trace.js';

/** Time as the client sees it; tests inject one to make freshness and backoff instant. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * When and how a request is sent again: after a network error or timeout, a status in
 * `statuses`, or a 409 with `Retry-After` to a keyed request (the Idempotency-Key draft's "still
 * in progress"). Only safe requests (GET, HEAD, OPTIONS) and requests carrying an
 * `Idempotency-Key` are ever retried.
 */
export interface RetryOptions {
  /** How many times a request may be sent again after the first attempt (default 2). */
  retries?: number;
  /** Upper bound of the first backoff, in milliseconds (default 100). */
  minDelay?: number;
  /** Upper bound of any backoff, in milliseconds (default 5000). */
  maxDelay?: number;
  /** Status codes that are retried (default 429 and 503). */
  statuses?: readonly number[];
  /** The longest `Retry-After` honoured, in milliseconds; longer ones end the retries (default 30 s). */
  maxRetryAfter?: number;
  /** A number in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number;
}

/** What the client calls when a followed link is deprecated. */
export interface DeprecationNotice {
  /** The relation followed. */
  rel: string;
  /** Where the link leads. */
  href: string;
  /** The link's `deprecation` URL, or `true` when only a hint said so. */
  deprecation: string | true;
  /** URL of the resource the link was found in. */
  from: string;
}

/** How a GET uses the HTTP cache, as in the Fetch standard's `cache` modes. */
export type CacheMode = 'default' | 'no-cache' | 'reload' | 'no-store';

/** Options of one call (a `get`, a `submit`, a `fetch`). */
export interface RequestOptions {
  /** Cancels the call; the call rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Milliseconds each attempt may take before it fails with a `TimeoutError` (0: none). */
  timeout?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** How the HTTP cache is used (GET only). */
  cache?: CacheMode;
  /** Receives each hop of this call (besides the client's `onHop`). */
  onHop?: (hop: Hop) => void;
}

/**
 * Configures a client.
 *
 * @example
 * const client = createClient({ timeout: 5000, retry: { retries: 3 }, onHop: (hop) => log(hop) });
 */
export interface ClientOptions {
  /**
   * The fetch implementation (default `globalThis.fetch`). Without this option, in Node, the
   * client sends through `node:http` and `node:https` instead, as fetch would (the same
   * headers, keep-alive, decoding and errors) at a fraction of fetch's cost; a middleware still
   * gets a `Request`. Give `fetch` (or replace `globalThis.fetch` before loading the client) to
   * send every request through a fetch.
   */
  fetch?: typeof fetch;
  /** Milliseconds each attempt may take (default 30 000; 0: no timeout). */
  timeout?: number;
  /** Retry policy, or `false` to never retry. */
  retry?: RetryOptions | false;
  /** The HTTP cache: `false` turns it off; `maxEntries` bounds it (default 1000). */
  cache?:
    | false
    | {
        /** How many responses the cache keeps at most, the oldest leaving first (default 1000). */
        maxEntries?: number;
      };
  /** Called for every deprecated link followed (default: `console.warn`). */
  onDeprecation?: (notice: DeprecationNotice) => void;
  /** Called after every hop (every request, cache hits included). */
  onHop?: (hop: Hop) => void;
  /** Time source for freshness, `Retry-After` and backoff (default: the real clock). */
  clock?: Clock;
  /** The most redirects followed for one request (default 10). */
  maxRedirects?: number;
  /**
   * Whether form submissions ask the server for the new state with
   * `Prefer: return=representation` (default true).
   */
  preferRepresentation?: boolean;
}
