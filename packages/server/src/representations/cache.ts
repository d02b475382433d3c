import type { Reply } from '../http/reply.js';

/**
 * Replies already rendered, for resources declared `cacheByVersion`, by a key that names
 * everything a representation depends on (see `representationKey`). Bounded by bytes: when a
 * new reply does not fit, the oldest ones go. A reply larger than an eighth of the bound is not
 * kept, so one huge document cannot empty the cache.
 */
export class RepresentationCache {
  readonly #replies = new Map<string, Reply>();
  #bytes = 0;

  /** @param maxBytes the most bytes of bodies and keys kept. */
  constructor(readonly maxBytes: number) {}

  /** The reply kept under `key`, if any. */
  get(key: string): Reply | undefined {
    return this.#replies.get(key);
  }

  /** Keeps `reply` under `key`; never changed afterwards by anyone, since it is shared. */
  set(key: string, reply: Reply): void {
    const size = sizeOf(key, reply);
    if (size > this.maxBytes / 8 || this.#replies.has(key)) return;
    for (const [oldest, kept] of this.#replies) {
      if (this.#bytes + size <= this.maxBytes) break;
      this.#replies.delete(oldest);
      this.#bytes -= sizeOf(oldest, kept);
    }
    this.#replies.set(key, Object.freeze({ ...reply, headers: Object.freeze(reply.headers) }));
    this.#bytes += size;
  }
}

/**
 * The key of a representation: the URL it is of, the state version it shows, the `Accept` it
 * was negotiated for, the origin its links were made absolute with, the caller it was rendered
 * for (its whole identity: one caller's view is never another's), and the status.
 */
export function representationKey(parts: {
  self: string;
  version: string;
  accept: string;
  origin: string;
  caller: string;
  status: number;
}): string {
  const { self, version, accept, origin, caller, status } = parts;
  return `${status}\u0000${origin}${self}\u0000${version}\u0000${accept}\u0000${caller}`;
}

function sizeOf(key: string, reply: Reply): number {
  return key.length + (reply.body?.length ?? 0) + 256;
}
