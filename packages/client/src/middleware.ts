import { headerMiddleware } from './internal/header-setters.js';
import { markCredentials } from './internal/origin-scope.js';

/** Sends a request on to the next middleware, and finally to `fetch`. */
export type Next = (request: Request) => Promise<Response>;

/**
 * A fetch middleware: it may change the request, answer it itself, or call `next` and change the
 * response. Middlewares run for every request the client makes to the origins they are scoped
 * to, on every attempt and every redirect hop, so each hop gets the credentials of its own origin.
 *
 * @example
 * const log: Middleware = async (request, next) => {
 *   const response = await next(request);
 *   console.log(request.method, request.url, response.status);
 *   return response;
 * };
 * client.use(log, { origin: '*' });
 */
export type Middleware = (request: Request, next: Next) => Promise<Response>;

/**
 * Which origins a middleware applies to: an exact origin (`https://orders.example`), a glob
 * where `*` matches any run of characters but `/` (`https://*.example.com`), `*` for every
 * origin, or a RegExp tested against `URL.origin`.
 */
export type OriginPattern = string | RegExp;

/** Where {@link HalwayClient.use} applies a middleware. */
export interface MiddlewareScope {
  /** The origins (one pattern or several). Credential middlewares refuse `*`. */
  origin: OriginPattern | readonly OriginPattern[];
}

/** A token, or a function that returns the current one (called for every request). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Adds `Authorization: Bearer <token>` to requests for the origins it is scoped to, and only
 * those. The token may be a function, to refresh it without rebuilding the client.
 *
 * @example
 * client.use(bearerAuth(() => tokens.current()), { origin: 'https://orders.example' });
 * @see https://www.rfc-editor.org/rfc/rfc6750
 */
export function bearerAuth(token: TokenSource): Middleware {
  if (typeof token !== 'string' && typeof token !== 'function') {
    throw new TypeError('bearerAuth(): the token must be a string or a function');
  }
  return markCredentials(
    headerMiddleware(async (headers) => {
      const value = typeof token === 'string' ? token : await token();
      headers.set('authorization', `Bearer ${value}`);
    }),
  );
}

/**
 * Adds `Authorization: Basic …` (UTF-8 user and password) to requests for the origins it is
 * scoped to, and only those.
 *
 * @example client.use(basicAuth('svc-orders', secret), { origin: 'https://payments.example' });
 * @see https://www.rfc-editor.org/rfc/rfc7617
 */
export function basicAuth(username: string, password: string): Middleware {
  if (typeof username !== 'string' || username.includes(':')) {
    throw new TypeError('basicAuth(): the user name must be a string without ":"');
  }
  if (typeof password !== 'string') {
    throw new TypeError('basicAuth(): the password must be a string');
  }
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  const encoded = btoa(String.fromCharCode(...bytes));
  return markCredentials(
    headerMiddleware((headers) => headers.set('authorization', `Basic ${encoded}`)),
  );
}

/** Options of {@link setHeaders}. */
export interface SetHeadersOptions {
  /**
   * Whether the headers are credentials (an API key, a tenant secret): then the middleware may
   * only be scoped to named origins, never `*` (default true).
   */
  credentials?: boolean;
}

/**
 * Sets fixed headers on requests for the origins it is scoped to. They count as credentials
 * unless `credentials: false` says otherwise.
 *
 * @example client.use(setHeaders({ 'x-api-key': key }), { origin: 'https://catalog.example' });
 */
export function setHeaders(
  headers: Record<string, string>,
  options: SetHeadersOptions = {},
): Middleware {
  const entries = Object.entries(headers ?? {});
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw new TypeError(`setHeaders(): the value of "${name}" must be a string`);
    }
  }
  const middleware = headerMiddleware((target) => {
    for (const [name, value] of entries) target.set(name, value);
  });
  return options.credentials === false ? middleware : markCredentials(middleware);
}
