import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Awaitable } from '../resource/resource.js';

/** Who is calling: a person, an application or another service. */
export interface Caller {
  /** A stable identifier: idempotency keys are scoped by it. */
  id: string;
  /** Roles or scopes the caller has. */
  roles?: readonly string[];
  /** Anything else an application wants to know. */
  [attribute: string]: unknown;
}

/**
 * How a service learns who calls it. `authenticate` returns the caller, or undefined for an
 * anonymous request; it throws (or returns undefined) for bad credentials.
 */
export interface Authentication {
  /** Identifies the caller of a request. */
  authenticate(request: Request): Awaitable<Caller | undefined>;
  /** The request headers credentials travel in: responses vary by them. */
  headers: readonly string[];
  /** The `WWW-Authenticate` challenge sent with a 401, e.g. `Bearer realm="orders"`. */
  challenge: string;
}

/**
 * Bearer tokens (RFC 6750) known in advance, each standing for a caller: typically the
 * credentials other services call this one with.
 *
 * @example bearerAuthentication({ [process.env.PAYMENTS_TOKEN!]: { id: 'payments', roles: ['service'] } })
 * @see https://www.rfc-editor.org/rfc/rfc6750
 */
export function bearerAuthentication(
  tokens: Record<string, Caller>,
  realm = 'halway',
): Authentication {
  const known = Object.entries(tokens);
  return readingHeaders({
    headers: ['authorization'],
    challenge: `Bearer realm="${realm}"`,
    authenticate(request) {
      const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(
        request.headers.authorization ?? '',
      );
      return match ? findSecret(known, match[1]!) : undefined;
    },
  });
}

/** API keys sent in a header (default `X-Api-Key`), each standing for a caller. */
export function apiKeyAuthentication(
  keys: Record<string, Caller>,
  header = 'x-api-key',
): Authentication {
  const known = Object.entries(keys);
  const name = header.toLowerCase();
  return readingHeaders({
    headers: [name],
    challenge: `ApiKey header="${name}"`,
    authenticate(request) {
      const value = request.headers[name];
      return typeof value === 'string' ? findSecret(known, value) : undefined;
    },
  });
}

/** Tries several authentications in turn; the first that identifies the caller wins. */
export function anyAuthentication(...authentications: Authentication[]): Authentication {
  const any: Authentication = {
    headers: [...new Set(authentications.flatMap((authentication) => authentication.headers))],
    challenge: [...new Set(authentications.map((authentication) => authentication.challenge))].join(
      ', ',
    ),
    async authenticate(request) {
      for (const authentication of authentications) {
        const caller = await authentication.authenticate(request);
        if (caller) return caller;
      }
      return undefined;
    },
  };
  return authentications.every(readsHeadersOnly) ? readingHeaders(any) : any;
}

const headersOnly = new WeakSet<Authentication>();

/**
 * Marks one of Halway's authentications, which read the request's headers and nothing else:
 * they are given Node's request as it is, where others get Express's (see `IncomingRequest`).
 */
export function readingHeaders<T extends Authentication>(authentication: T): T {
  headersOnly.add(authentication);
  return authentication;
}

/** Whether an authentication reads the request's headers only (see `readingHeaders`). */
export function readsHeadersOnly(authentication: Authentication): boolean {
  return headersOnly.has(authentication);
}

// Compare secrets in constant time, so response timing does not reveal how much of one matched.
function findSecret(known: readonly [string, Caller][], candidate: string): Caller | undefined {
  const given = Buffer.from(candidate);
  let found: Caller | undefined;
  for (const [secret, caller] of known) {
    const expected = Buffer.from(secret);
    if (expected.length === given.length && timingSafeEqual(expected, given)) found = caller;
  }
  return found;
}
