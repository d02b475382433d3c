import type { HttpErrorInit } from '../errors.js';
import type { CacheMode } from '../options.js';
import type { CacheStatus, Hop } from '../trace.js';

/** A request as the client's layers pass it around: plain, re-sendable, without credentials. */
export interface HttpRequest {
  /** Upper-case method. */
  method: string;
  /** Absolute URL. */
  url: string;
  /** Headers; middlewares add credentials later, on a copy. */
  headers: Headers;
  /** The body, for methods that carry one (bytes for a multipart upload). */
  body?: string | Uint8Array<ArrayBuffer>;
}

/** A response with its body read, and how it was obtained. */
export interface HttpResult {
  /** The request that got this response (the last one, after redirects). */
  request: HttpRequest;
  /** Status code. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Body as text ('' when none). */
  body: string;
  /** What the cache did for the last hop. */
  cache: CacheStatus;
  /** Whether redirects were followed to get here. */
  redirected: boolean;
}

/**
 * What one call passes down to the transport besides the request. Every field is always there
 * (undefined when unset): copies that change one, `{ ...context, signal }`, then keep its shape,
 * which V8 copies fast, where adding a key to a spread costs some 30 times as much.
 */
export interface CallContext {
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds (0: none). */
  timeout: number | undefined;
  /** Cache mode (GET only). */
  cache: CacheMode | undefined;
  /** The relation being followed, for the trace. */
  rel: string | undefined;
  /** The template being submitted, for the trace. */
  template: string | undefined;
  /** Receives each hop of this call, besides the client's own `onHop`. */
  onHop: ((hop: Hop) => void) | undefined;
}

/** Copies headers into a plain object with lower-case names. */
export function headersToObject(headers: Headers): Record<string, string> {
  const object: Record<string, string> = {};
  headers.forEach((value, name) => {
    object[name] = value;
  });
  return object;
}

/** What an HttpError needs from a result. */
export function errorInit(result: HttpResult): HttpErrorInit {
  return {
    method: result.request.method,
    url: result.request.url,
    status: result.status,
    headers: result.headers,
    body: result.body,
  };
}

/** Statuses whose response has no body (a `Response` refuses one; fetch decodes none). */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/** Methods that change nothing on the server, so they can be retried and cached. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** The URL without its fragment: what the cache and in-flight map are keyed by. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** Resolves a header's URL against the URL of the response it came in, or undefined. */
export function headerUrl(headers: Headers, name: string, base: string): string | undefined {
  const value = headers.get(name);
  if (!value) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}
