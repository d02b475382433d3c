/**
 * How the HTTP cache took part in a hop: served it without a request (`hit`), confirmed a stored
 * response with a conditional request answered 304 (`revalidated`), had nothing usable (`miss`),
 * or was not consulted because the request is not a cacheable GET (`bypass`).
 */
export type CacheStatus = 'hit' | 'revalidated' | 'miss' | 'bypass';

/**
 * One hop of a traversal: one request the client made (or answered from its cache), with the
 * service it reached. Redirects are hops of their own.
 */
export interface Hop {
  /** Origin of the service the hop reached, e.g. `https://orders.example`. */
  origin: string;
  /** Request method. */
  method: string;
  /** Request URL. */
  url: string;
  /** The relation followed to get here, if the hop is a `follow`. */
  rel?: string;
  /** The template submitted, if the hop is a form submission. */
  template?: string;
  /** Response status; 0 when no response arrived. */
  status: number;
  /** What the cache did. */
  cache: CacheStatus;
  /** Milliseconds from the first attempt to the response (0 for a cache hit). */
  ms: number;
  /** Requests actually sent: 0 for a cache hit, more than 1 after retries. */
  attempts: number;
  /** The URL that redirected here, for a hop that follows a redirect. */
  redirectedFrom?: string;
  /** The `Idempotency-Key` the request carried. */
  idempotencyKey?: string;
  /** The error code when the hop failed without a response (`NETWORK`, `TIMEOUT`, `ABORTED`). */
  error?: string;
}
