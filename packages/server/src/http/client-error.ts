import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_JSON } from '@halway/hal';
import { HttpProblem, type ProblemCode } from '../errors.js';

// What Node's parser reports, by error code (the rest is a plain 400).
const CODES: Record<string, ProblemCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'PAYLOAD_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

const DETAILS: Partial<Record<ProblemCode, string>> = {
  HEADERS_TOO_LARGE: 'The request header fields are larger than the server accepts',
  PAYLOAD_TOO_LARGE: 'The chunk extensions of the body are larger than the server accepts',
  REQUEST_TIMEOUT: 'The request took longer to arrive than the server waits',
};

/**
 * A listener for a Node server's `clientError` event: it answers what Node's HTTP parser refused
 * (a malformed request line or header, a bad Content-Length, headers over the size limit, a
 * request that arrived too slowly) with an RFC 9457 problem instead of Node's bare status line,
 * then closes the connection. A connection already reset, or already answered, is just closed.
 *
 * @example server.on('clientError', answerClientError);
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const responded = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
    ?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || responded === true) {
    socket.destroy();
    return;
  }
  const code = CODES[error.code ?? ''] ?? 'BAD_REQUEST';
  const problem = new HttpProblem(code, {
    detail: DETAILS[code] ?? `The request is not valid HTTP (${error.code ?? 'parse error'})`,
  });
  const body = JSON.stringify(problem.toJSON());
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
      `Content-Type: ${PROBLEM_JSON}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}
