import CachePolicy from 'http-cache-semantics';
import type { Clock } from '../options.js';
import { headersToObject, withoutFragment, type HttpRequest } from './exchange.js';
import type { AttemptResponse } from './retry.js';

interface CacheEntry {
  policy: CachePolicy;
  status: number;
  body: string;
}

/** What the cache can do for a GET. */
export type CacheLookup =
  | { kind: 'fresh'; response: AttemptResponse }
  | { kind: 'stale'; headers: Headers }
  | { kind: 'none' };

/**
 * A private HTTP cache (RFC 9111 via `http-cache-semantics`): fresh responses are served
 * without a request, stale ones are revalidated with their validators, `no-store` responses
 * are never kept. It holds what servers sent and nothing else: embedded resources never enter
 * it, so a partial embedded copy cannot replace the canonical representation.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9111
 */
export class HttpCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #maxEntries: number;
  readonly #Policy: typeof CachePolicy;

  /** Creates an empty cache that reads the time from `clock`. */
  constructor(clock: Clock, maxEntries = 1000) {
    this.#maxEntries = maxEntries;
    this.#Policy = policyClassFor(clock);
  }

  /**
   * What the cache holds for a GET: a fresh response, validators to revalidate with, or nothing.
   * With `revalidate`, even a fresh response is only offered for revalidation.
   */
  lookup(request: HttpRequest, revalidate = false): CacheLookup {
    const key = withoutFragment(request.url);
    const entry = this.#entries.get(key);
    if (!entry) return { kind: 'none' };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    const policyRequest = toPolicyRequest(request);
    if (revalidate) {
      return { kind: 'stale', headers: toHeaders(entry.policy.revalidationHeaders(policyRequest)) };
    }
    // One evaluation gives both answers (satisfiesWithoutRevalidation() computes the same and
    // throws away the headers of a hit, which would then be computed again).
    const evaluated = entry.policy.evaluateRequest(policyRequest);
    if (evaluated.revalidation === undefined) {
      return { kind: 'fresh', response: cachedResponse(entry, evaluated.response.headers) };
    }
    return { kind: 'stale', headers: toHeaders(evaluated.revalidation.headers) };
  }

  /** Stores a response to a GET if HTTP allows it; a `no-store` response also evicts the old one. */
  store(request: HttpRequest, response: AttemptResponse): void {
    const key = withoutFragment(request.url);
    const policy = new this.#Policy(toPolicyRequest(request), toPolicyResponse(response), {
      shared: false,
    });
    if (!policy.storable()) {
      // A transient error must not evict a good entry; an explicit no-store must.
      if (/\bno-store\b/i.test(response.headers.get('cache-control') ?? '')) {
        this.#entries.delete(key);
      }
      return;
    }
    this.#entries.delete(key);
    this.#entries.set(key, { policy, status: response.status, body: response.body });
    if (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  /**
   * Takes a 304 answer to a revalidation: the stored body is reused under the updated headers.
   * Returns undefined when nothing is stored any more (the caller then has no body to give).
   */
  revalidated(request: HttpRequest, notModified: AttemptResponse): AttemptResponse | undefined {
    const key = withoutFragment(request.url);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const { policy } = entry.policy.revalidatedPolicy(
      toPolicyRequest(request),
      toPolicyResponse(notModified),
    );
    const updated = { ...entry, policy };
    this.#entries.set(key, updated);
    return cachedResponse(updated, policy.responseHeaders());
  }

  /** Forgets what is stored for `url`. */
  invalidate(url: string): void {
    this.#entries.delete(withoutFragment(url));
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }
}

const policyClasses = new WeakMap<Clock, typeof CachePolicy>();

// http-cache-semantics reads the time through `now()`, so a subclass lets the client's clock
// rule. One class per clock, not per cache: every client made with the default clock then
// builds its policies from one class, which V8 optimizes once (a class per client made each
// policy's construction megamorphic, and was the costliest step of storing a response).
function policyClassFor(clock: Clock): typeof CachePolicy {
  let Policy = policyClasses.get(clock);
  if (Policy === undefined) {
    Policy = class extends CachePolicy {
      now(): number {
        return clock.now();
      }
    };
    policyClasses.set(clock, Policy);
  }
  return Policy;
}

function cachedResponse(entry: CacheEntry, headers: CachePolicy.Headers): AttemptResponse {
  return { status: entry.status, headers: toHeaders(headers), body: entry.body };
}

function toPolicyRequest(request: HttpRequest): CachePolicy.Request {
  return { url: request.url, method: request.method, headers: headersToObject(request.headers) };
}

function toPolicyResponse(response: AttemptResponse): CachePolicy.Response {
  return { status: response.status, headers: headersToObject(response.headers) };
}

function toHeaders(object: CachePolicy.Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, String(value));
  }
  return headers;
}
