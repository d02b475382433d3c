import { digestText } from '../http/digest.js';
import { headerOf, type IncomingRequest } from '../http/incoming.js';
import { HttpProblem } from '../errors.js';
import type { Reply } from '../http/reply.js';

/** A response kept for an idempotency key, to replay to retries. */
export interface StoredResponse {
  /** Status code. */
  status: number;
  /** Headers to replay (hop-by-hop and per-request ones excluded). */
  headers: Record<string, string>;
  /** The body, if any. */
  body?: string;
}

/** How a service keeps idempotency keys (in its store, in the action's transaction). */
export interface IdempotencyOptions {
  /** How long a key and its response are kept, in ms (default 24 hours). */
  ttl?: number;
}

/** The default time a key is kept: 24 hours. */
export const DEFAULT_IDEMPOTENCY_TTL = 24 * 60 * 60 * 1000;

/** The ttl a service keeps keys for: the option, checked, or the default. */
export function idempotencyTtl(options: IdempotencyOptions = {}): number {
  const ttl = options.ttl ?? DEFAULT_IDEMPOTENCY_TTL;
  if (!Number.isFinite(ttl) || ttl <= 0)
    throw new TypeError('createService(): idempotency.ttl must be a positive number of ms');
  return ttl;
}

const KEY = /^[\x21\x23-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` of a request, quoted (a structured-field string, as the draft says) or
 * bare; undefined when absent. A malformed key is a 400.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export function idempotencyKeyOf(request: IncomingRequest): string | undefined {
  const header = headerOf(request, 'idempotency-key');
  if (header === undefined) return undefined;
  const value = header.trim().replace(/^"(.*)"$/, '$1');
  if (!KEY.test(value)) {
    throw new HttpProblem('BAD_REQUEST', {
      detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters (a quoted string)',
    });
  }
  return value;
}

/** What makes two requests with one key "the same request": method, target and payload. */
export function fingerprintOf(request: IncomingRequest): string {
  return digestText(
    'sha256',
    `${request.method} ${request.originalUrl}\n${request.headers['content-type'] ?? ''}\n${JSON.stringify(request.body ?? null)}`,
  );
}

/** The key a store files a request's key under: scoped by caller, so keys of different callers never meet. */
export function scopedKey(callerId: string, key: string): string {
  return `${callerId}\n${key}`;
}

const NOT_REPLAYED = new Set([
  'x-request-id',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/** The part of a reply worth storing for replay. */
export function storable(reply: Reply): StoredResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers))
    if (!NOT_REPLAYED.has(name.toLowerCase())) headers[name] = value;
  return reply.body === undefined
    ? { status: reply.status, headers }
    : { status: reply.status, headers, body: reply.body };
}
