import { isObject } from './internal/is-object.js';

/** What an assertion reads from its subject: the document, and the response around it if any. */
export interface Subject {
  /** The parsed body or the document itself. */
  document: unknown;
  /** The status, when the subject is a response. */
  status: number | undefined;
  /** Response headers, lower-cased, when the subject is a response. */
  headers: Record<string, string>;
  /** The URL relative hrefs resolve against. */
  base: string;
}

const DEFAULT_BASE = 'http://localhost/';

/**
 * Reads a subject: a supertest/superagent response (`status`, `headers`, `body`), a response
 * with a parsed `body` and a `url`, or a HAL document itself.
 */
export function readSubject(subject: unknown): Subject {
  if (isObject(subject) && 'body' in subject && ('status' in subject || 'statusCode' in subject)) {
    const status = Number(subject.status ?? subject.statusCode);
    const headers: Record<string, string> = {};
    if (isObject(subject.headers)) {
      for (const [name, value] of Object.entries(subject.headers))
        headers[name.toLowerCase()] = String(value);
    }
    return { document: subject.body, status, headers, base: baseOf(subject) };
  }
  return { document: subject, status: undefined, headers: {}, base: DEFAULT_BASE };
}

function baseOf(response: Record<string, unknown>): string {
  const request = isObject(response.request) ? response.request : undefined;
  const url =
    typeof response.url === 'string'
      ? response.url
      : typeof request?.url === 'string'
        ? request.url
        : undefined;
  return url !== undefined && URL.canParse(url) ? url : DEFAULT_BASE;
}
