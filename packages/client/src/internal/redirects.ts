import { headerUrl, type HttpRequest } from './exchange.js';
import { originOf } from './origin-scope.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Headers that describe the body or the write; a redirect that turns the request into a GET
// drops them with the body.
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
  'idempotency-key',
  'if-match',
  'if-unmodified-since',
  'prefer',
];

// Credentials a caller may have set by hand; the Fetch standard drops Authorization on a
// cross-origin redirect, and so do we, with its siblings.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The request a redirect asks for, or undefined when the response is not a redirect the client
 * follows. 303 (and 301/302 after a POST) become a GET without body; 307 and 308 repeat the
 * request as it was. Crossing to another origin drops hand-set credentials: middlewares add the
 * new origin's own, if it has any.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4
 * @see https://fetch.spec.whatwg.org/#http-redirect-fetch
 */
export function redirectTarget(
  request: HttpRequest,
  status: number,
  headers: Headers,
): HttpRequest | undefined {
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const location = headerUrl(headers, 'location', request.url);
  if (location === undefined) return undefined;
  const next = new Headers(request.headers);
  const toGet =
    (status === 303 && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST');
  if (toGet) for (const name of BODY_HEADERS) next.delete(name);
  if (originOf(location) !== originOf(request.url)) {
    for (const name of CREDENTIAL_HEADERS) next.delete(name);
  }
  return {
    method: toGet ? 'GET' : request.method,
    url: location,
    headers: next,
    body: toGet ? undefined : request.body,
  };
}
