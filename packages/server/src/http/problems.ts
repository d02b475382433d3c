import { PROBLEM_JSON } from '@halway/hal';
import type { IncomingRequest, OutgoingResponse } from './incoming.js';
import { HttpProblem } from '../errors.js';
import type { Logger } from '../logger.js';
import { writeReply, type Reply } from './reply.js';
import { toProblem } from './to-problem.js';

export { toProblem };

/** A problem as a reply: `application/problem+json`, with the problem's headers. */
export function problemReply(
  problem: HttpProblem,
  extensions: Record<string, unknown> = {},
): Reply {
  return {
    status: problem.status,
    headers: { ...problem.headers, 'Content-Type': PROBLEM_JSON },
    body: JSON.stringify({ ...problem.toJSON(), ...extensions }),
  };
}

/** Sends a problem as `application/problem+json`, with its headers. */
export function sendProblem(
  request: IncomingRequest,
  response: OutgoingResponse,
  problem: HttpProblem,
  extensions: Record<string, unknown> = {},
): void {
  writeReply(request, response, problemReply(problem, extensions));
}

/** Answers a request nothing served with a 404 problem (never Express's HTML page). */
export function sendNotFound(request: IncomingRequest, response: OutgoingResponse): void {
  sendProblem(
    request,
    response,
    new HttpProblem('NOT_FOUND', {
      detail: `There is no resource at ${request.baseUrl}${request.path}`,
    }),
  );
}

/**
 * Turns every error into a problem response: problems as they are, errors with a 4xx status
 * (body-parser's, the router's) into the problem of that status, anything else into a 500 whose
 * cause is logged and never sent. An error after the response started cuts the connection, so
 * the client cannot take a half-written body for a whole one.
 */
export function problemAnswerer(
  log: Logger,
): (error: unknown, request: IncomingRequest, response: OutgoingResponse) => void {
  return (error, request, response) => {
    const problem = toProblem(error);
    const requestId = problem.status >= 500 ? response.getHeader('x-request-id') : undefined;
    if (problem.status >= 500) {
      log.error('request failed', {
        requestId,
        method: request.method,
        url: request.originalUrl,
        error: problem.cause ?? error,
      });
    }
    if (response.headersSent) return void request.socket.destroy();
    sendProblem(request, response, problem, requestId === undefined ? {} : { requestId });
  };
}
