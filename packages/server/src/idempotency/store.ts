/** A response kept for an idempotency key, to replay to retries. */
export interface StoredResponse {
  /** Status code. */
  status: number;
  /** Headers to replay (hop-by-hop and per-request ones excluded). */
  headers: Record<string, string>;
  /** The body, if any. */
  body?: string;
}

/** What a store knows of a key when a request with it arrives. */
export type IdempotencyRecord =
  | { state: 'new' }
  | { state: 'in-progress'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * Where idempotency keys and their responses are kept. `begin` must be atomic: when several
 * instances of a service share a store (a database table with the key as primary key, a Redis
 * `SET NX`), exactly one request may see `new` for a key.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for a request whose payload has `fingerprint`, for `ttl` ms by the store's own
   * clock, and answers `new`; or tells what is already known of an unexpired key.
   */
  begin(key: string, fingerprint: string, ttl: number): Promise<IdempotencyRecord>;
  /** Keeps the response of a claimed key, to replay. */
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Gives a claimed key up (the request failed before doing anything), so a retry may run. */
  release(key: string): Promise<void>;
}

/** Limits of the in-memory store. */
export interface MemoryIdempotencyStoreOptions {
  /** The most keys kept; the oldest completed ones go first (default 10000). */
  maxEntries?: number;
  /** The clock (epoch ms), for tests. */
  now?: () => number;
}

type Entry = { fingerprint: string; expiresAt: number; response?: StoredResponse };

/**
 * An in-memory store, bounded in size and time: the default, right for a single instance.
 * Keys expire `ttl` ms after `begin`; past `maxEntries`, the oldest completed keys go.
 */
export function createMemoryIdempotencyStore(
  options: MemoryIdempotencyStoreOptions = {},
): IdempotencyStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const evict = () => {
    const time = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
    // Map iteration is insertion order: the first completed entries are the oldest.
    for (const [key, entry] of entries) {
      if (entries.size < maxEntries) break;
      if (entry.response) entries.delete(key);
    }
  };

  return {
    begin(key, fingerprint, ttl) {
      const existing = entries.get(key);
      if (existing && existing.expiresAt > now()) {
        return Promise.resolve(
          existing.response
            ? { state: 'completed', fingerprint: existing.fingerprint, response: existing.response }
            : { state: 'in-progress', fingerprint: existing.fingerprint },
        );
      }
      if (entries.size >= maxEntries) evict();
      entries.delete(key);
      entries.set(key, { fingerprint, expiresAt: now() + ttl });
      return Promise.resolve({ state: 'new' });
    },
    complete(key, response) {
      const entry = entries.get(key);
      if (entry) entry.response = response;
      return Promise.resolve();
    },
    release(key) {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}
