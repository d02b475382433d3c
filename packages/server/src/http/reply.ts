import type { IncomingRequest, OutgoingResponse } from './incoming.js';
import { parseEntityTags } from '../conditional/etag.js';

/** A response described as data, so that it can be stored and replayed (idempotency keys). */
export interface Reply {
  /** Status code. */
  status: number;
  /** Headers, by name. */
  headers: Record<string, string>;
  /** The body, if any. */
  body?: string;
}

// Headers a 304 repeats from the 200 it stands for (RFC 9110 §15.4.5).
const NOT_MODIFIED_HEADERS = ['ETag', 'Vary', 'Cache-Control', 'Content-Location'];

/**
 * Writes a reply straight to Node's response: no body for HEAD, and `304 Not Modified` when
 * the request's `If-None-Match` names the reply's ETag (weak comparison, as RFC 9110 says).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2
 */
export function writeReply(
  request: IncomingRequest,
  response: OutgoingResponse,
  reply: Reply,
): void {
  const safe = request.method === 'GET' || request.method === 'HEAD';
  const etag = reply.headers.ETag;
  if (
    safe &&
    reply.status === 200 &&
    etag !== undefined &&
    noneMatch(request.headers['if-none-match'], etag)
  ) {
    response.statusCode = 304;
    for (const name of NOT_MODIFIED_HEADERS)
      if (reply.headers[name] !== undefined) response.setHeader(name, reply.headers[name]);
    response.end();
    return;
  }
  response.statusCode = reply.status;
  for (const name in reply.headers) response.setHeader(name, reply.headers[name]!);
  if (reply.body === undefined) {
    response.end();
    return;
  }
  response.setHeader('Content-Length', Buffer.byteLength(reply.body));
  response.end(request.method === 'HEAD' ? undefined : reply.body);
}

function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return parseEntityTags(header).some((tag) => tag === '*' || tag.replace(/^W\//, '') === opaque);
}
