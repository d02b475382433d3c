import { HttpProblem, PROBLEMS, type ProblemCode } from '../errors.js';
import { FORBIDDEN_KEY } from './body.js';

// The codes an error's own 4xx status stands for; any other 4xx is answered as a plain 400.
const CODE_OF_STATUS = new Map<number, ProblemCode>(
  (
    [
      'BAD_REQUEST',
      'UNAUTHORIZED',
      'FORBIDDEN',
      'NOT_FOUND',
      'METHOD_NOT_ALLOWED',
      'NOT_ACCEPTABLE',
      'REQUEST_TIMEOUT',
      'CONFLICT',
      'GONE',
      'PRECONDITION_FAILED',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'INVALID_INPUT',
      'PRECONDITION_REQUIRED',
      'TOO_MANY_REQUESTS',
      'HEADERS_TOO_LARGE',
    ] as const
  ).map((code) => [PROBLEMS[code].status, code]),
);

/** What an error thrown by Express, its router or body-parser may carry (http-errors' shape). */
interface ForeignError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  message?: unknown;
  limit?: unknown;
  expose?: unknown;
}

/**
 * The problem an error stands for: itself when it is one; for an error that carries a 4xx
 * status (body-parser's, the router's bad percent-escape, any http-errors error), the problem of
 * that status; a 500 for anything else, its cause kept for the log and never sent.
 */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const foreign = (typeof error === 'object' && error !== null ? error : {}) as ForeignError;
  const status = statusOf(foreign);
  if (status === undefined || status < 400 || status >= 500) {
    return new HttpProblem('INTERNAL_ERROR', {
      detail: 'An unexpected error occurred; it has been logged.',
      cause: error,
    });
  }
  // http-errors marks 4xx messages as safe to show (`expose`); anything else stays generic.
  const message =
    typeof foreign.message === 'string' && foreign.expose !== false ? foreign.message : undefined;
  return new HttpProblem(codeOf(foreign.type, status, message), {
    detail: detailOf(foreign, message),
  });
}

function statusOf(error: ForeignError): number | undefined {
  const status = error.status ?? error.statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

function codeOf(type: unknown, status: number, message: string | undefined): ProblemCode {
  if (type === 'entity.parse.failed' || message?.startsWith(FORBIDDEN_KEY)) return 'MALFORMED_BODY';
  return CODE_OF_STATUS.get(status) ?? 'BAD_REQUEST';
}

function detailOf(error: ForeignError, message: string | undefined): string | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return message?.startsWith(FORBIDDEN_KEY)
        ? message
        : `The body is not valid JSON: ${message ?? 'parse error'}`;
    case 'entity.too.large':
      return `The body is larger than the limit of ${typeof error.limit === 'number' ? error.limit : '?'} bytes`;
    case 'parameters.too.many':
      return 'The form body has too many fields';
  }
  return message;
}
