import { PROBLEM_JSON } from '@halway/hal';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { HttpProblem } from '../errors.js';
import type { Logger } from '../logger.js';
import { FORBIDDEN_KEY } from './body.js';
import { writeReply, type Reply } from './reply.js';

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
  request: Request,
  response: Response,
  problem: HttpProblem,
  extensions: Record<string, unknown> = {},
): void {
  writeReply(request, response, problemReply(problem, extensions));
}

/** Answers every request no route took with a 404 problem (never Express's HTML page). */
export function notFound(): RequestHandler {
  return (request, response) => {
    sendProblem(
      request,
      response,
      new HttpProblem('NOT_FOUND', {
        detail: `There is no resource at ${request.baseUrl}${request.path}`,
      }),
    );
  };
}

/**
 * Turns every error into a problem response: problems as they are, body-parser errors into
 * 400/413/415 problems, anything else into a 500 whose cause is logged and never sent.
 */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const problem = toProblem(error);
    if (problem.status >= 500) {
      const requestId = response.getHeader('x-request-id');
      log.error('request failed', {
        requestId,
        method: request.method,
        url: request.originalUrl,
        error: problem.cause ?? error,
      });
      sendProblem(request, response, problem, requestId === undefined ? {} : { requestId });
      return;
    }
    sendProblem(request, response, problem);
  };
}

/** The problem an error stands for: itself, a body-parser error's, or a 500 for anything else. */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const { type, status, message, limit } = (error ?? {}) as {
    type?: string;
    status?: number;
    message?: string;
    limit?: number;
  };
  switch (type) {
    case 'entity.parse.failed':
      return new HttpProblem('MALFORMED_BODY', {
        detail: message?.startsWith(FORBIDDEN_KEY)
          ? message
          : `The body is not valid JSON: ${message ?? 'parse error'}`,
      });
    case 'entity.too.large':
      return new HttpProblem('PAYLOAD_TOO_LARGE', {
        detail: `The body is larger than the limit of ${limit ?? '?'} bytes`,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem('UNSUPPORTED_MEDIA_TYPE', {
        detail: message ?? 'Unsupported body encoding',
      });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpProblem('BAD_REQUEST', {
        detail: message ?? 'The request body could not be read',
      });
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && type !== undefined) {
    return new HttpProblem('BAD_REQUEST', { detail: message ?? 'Bad request' });
  }
  return new HttpProblem('INTERNAL_ERROR', {
    detail: 'An unexpected error occurred; it has been logged.',
    cause: error,
  });
}
