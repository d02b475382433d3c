import {
  PROBLEM_JSON,
  RESOURCE_MEDIA_TYPES,
  isJsonMediaType,
  isProblemDocument,
  mediaTypeEssence,
  type ProblemDocument,
} from '@halway/hal';
import type { CredentialStore } from '../credentials/store.js';

/**
 * The `Accept` of the explorer's requests: the resource media types in the order every Halway
 * side shares (HAL-FORMS first), problem details, then anything, so nothing is refused.
 */
export const EXPLORER_ACCEPT = [
  ...RESOURCE_MEDIA_TYPES.map((type, index) =>
    index === 0 ? type : `${type};q=${Math.max(0.2, 1 - index / 10).toFixed(1)}`,
  ),
  `${PROBLEM_JSON};q=0.5`,
  '*/*;q=0.1',
].join(', ');

/** A request the explorer makes. */
export interface OutgoingRequest {
  /** Upper-case method. */
  method: string;
  /** Absolute URL, on the page's own origin. */
  url: string;
  /** Headers besides `Accept` and the origin's credentials. */
  headers?: Record<string, string>;
  /** The body, for methods that carry one. */
  body?: string;
}

/** A request and its response, as the explorer shows them. */
export interface Exchange {
  /** The request as sent (credentials included: views mask them). */
  request: { method: string; url: string; headers: [string, string][]; body?: string };
  /** The response status. */
  status: number;
  /** Its reason phrase, when the server sent one. */
  statusText: string;
  /** The response headers the page may read. */
  headers: [string, string][];
  /** The URL the response came from, after redirects. */
  url: string;
  /** Milliseconds from sending to having the whole body. */
  ms: number;
  /** The response's media type, without parameters. */
  mediaType: string;
  /** The body as text. */
  text: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  /** The body, when it is a problem+json document. */
  problem?: ProblemDocument;
}

/**
 * Sends a request from the page to its own origin, with that origin's credentials, and reads the
 * whole response. Throws a TypeError for a URL on another origin: the explorer never sends
 * anything elsewhere, and the credentials could otherwise leak. A network failure rejects with
 * fetch's own error.
 */
export async function send(
  request: OutgoingRequest,
  credentials: CredentialStore,
): Promise<Exchange> {
  if (!URL.canParse(request.url) || new URL(request.url).origin !== credentials.origin) {
    throw new TypeError(`send(): ${request.url} is not on ${credentials.origin}`);
  }
  const headers: Record<string, string> = {
    ...credentials.headersFor(request.url),
    Accept: EXPLORER_ACCEPT,
    ...request.headers,
  };
  const started = performance.now();
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    body: request.body,
    cache: 'no-store',
    credentials: 'same-origin',
    redirect: 'follow',
  });
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  const mediaType = mediaTypeEssence(response.headers.get('content-type'));
  const exchange: Exchange = {
    request: { method: request.method, url: request.url, headers: Object.entries(headers) },
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers.entries()],
    url: response.url || request.url,
    ms,
    mediaType,
    text,
  };
  if (request.body !== undefined) exchange.request.body = request.body;
  if (isJsonMediaType(mediaType) && text !== '') {
    try {
      exchange.json = JSON.parse(text);
    } catch {
      // A body that claims to be JSON but is not stays text: the raw view shows it as it came.
    }
  }
  if (mediaType === PROBLEM_JSON && isProblemDocument(exchange.json))
    exchange.problem = exchange.json;
  return exchange;
}

/** A response header, by case-insensitive name. */
export function headerOf(exchange: Exchange, name: string): string | undefined {
  const lower = name.toLowerCase();
  return exchange.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** The status with its reason phrase, e.g. `201 Created`. */
export function statusLine(exchange: Pick<Exchange, 'status' | 'statusText'>): string {
  return exchange.statusText
    ? `${exchange.status} ${exchange.statusText}`
    : String(exchange.status);
}
