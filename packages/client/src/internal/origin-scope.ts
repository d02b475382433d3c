import type { Middleware, OriginPattern } from '../middleware.js';

const CREDENTIALS = Symbol.for('halway.client.credentials');

/** Marks a middleware as one that adds credentials: it may only be scoped to named origins. */
export function markCredentials(middleware: Middleware): Middleware {
  (middleware as Middleware & { [CREDENTIALS]?: true })[CREDENTIALS] = true;
  return middleware;
}

/** Whether a middleware was marked by {@link markCredentials}. */
export function carriesCredentials(middleware: Middleware): boolean {
  return (middleware as Middleware & { [CREDENTIALS]?: true })[CREDENTIALS] === true;
}

/** A compiled origin pattern: a test on `URL.origin` values. */
export type OriginMatcher = (origin: string) => boolean;

/**
 * Compiles origin patterns: an exact origin (`https://api.example`, default ports dropped), a
 * glob where `*` stands for any run of characters but `/` (`https://*.example.com`,
 * `http://127.0.0.1:*`), `*` for every origin, or a RegExp tested against the origin.
 */
export function compileOrigins(
  call: string,
  patterns: OriginPattern | readonly OriginPattern[],
): { matches: OriginMatcher; everywhere: boolean } {
  const list = (Array.isArray(patterns) ? patterns : [patterns]) as OriginPattern[];
  if (list.length === 0) throw new TypeError(`${call}: give at least one origin`);
  const matchers = list.map((pattern) => compileOne(call, pattern));
  return {
    matches: (origin) => matchers.some((matches) => matches(origin)),
    everywhere: list.some((pattern) => typeof pattern === 'string' && /^[*]+$/.test(pattern)),
  };
}

function compileOne(call: string, pattern: OriginPattern): OriginMatcher {
  if (pattern instanceof RegExp) return (origin) => pattern.test(origin);
  if (typeof pattern !== 'string' || pattern === '') {
    throw new TypeError(`${call}: an origin must be a non-empty string or a RegExp`);
  }
  if (/^[*]+$/.test(pattern)) return () => true;
  if (!pattern.includes('*')) {
    const exact = originOf(pattern);
    if (exact === undefined) {
      throw new TypeError(`${call}: ${JSON.stringify(pattern)} is not an origin`);
    }
    return (origin) => origin === exact;
  }
  const source = pattern
    .toLowerCase()
    .replace(/\/+$/, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  const regex = new RegExp(`^${source}$`);
  return (origin) => regex.test(origin);
}

// The last URL asked for and its origin: a request asks for the same URL's origin several times
// (its hop, then which middlewares are for it), and parsing a URL is the costly part.
let last: { url: string; origin: string | undefined } | undefined;

/** The origin of a URL (`scheme://host[:port]`), or undefined when it is not an absolute URL. */
export function originOf(url: string): string | undefined {
  if (last?.url === url) return last.origin;
  let origin: string | undefined;
  try {
    origin = new URL(url).origin;
    if (origin === 'null') origin = undefined;
  } catch {
    origin = undefined;
  }
  last = { url, origin };
  return origin;
}
