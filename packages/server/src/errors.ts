import type { FieldProblem, ProblemDocument } from '@halway/hal';

/**
 * Every problem a Halway service answers with, by code. Each code has a fixed status, title and
 * `type` URI, so clients can rely on them.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export const PROBLEMS = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  MALFORMED_BODY: { status: 400, title: 'Malformed request body' },
  INVALID_QUERY: { status: 400, title: 'Invalid query parameters' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  ACTION_NOT_ALLOWED: { status: 409, title: 'Action not allowed in the current state' },
  CONFLICT: { status: 409, title: 'Conflict' },
  GONE: { status: 410, title: 'Gone' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  INVALID_INPUT: { status: 422, title: 'Invalid input' },
  PRECONDITION_REQUIRED: { status: 428, title: 'Precondition required' },
  IDEMPOTENCY_KEY_MISSING: { status: 400, title: 'Idempotency-Key required' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused with another request' },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    title: 'Request with this Idempotency-Key still in progress',
  },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  INTERNAL_ERROR: { status: 500, title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** The code of a problem: a key of {@link PROBLEMS}. */
export type ProblemCode = keyof typeof PROBLEMS;

/**
 * The `type` URI of a problem code. These are `tag:` URIs (RFC 4151), which RFC 9457 §4.2.1
 * recommends for types that are identifiers rather than documentation pages.
 *
 * @example problemType('INVALID_INPUT') // 'tag:halway.dev,2026:problems/invalid-input'
 */
export function problemType(code: ProblemCode): string {
  return `tag:halway.dev,2026:problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** What an {@link HttpProblem} may add to its code. */
export interface HttpProblemOptions {
  /** What went wrong this time, for people. */
  detail?: string;
  /** Invalid fields, for validation problems. */
  errors?: FieldProblem[];
  /** Extension members of the problem document. */
  extensions?: Record<string, unknown>;
  /** Response headers to send with the problem (`Allow`, `ETag`, `Retry-After`, ...). */
  headers?: Record<string, string>;
  /** The error that caused this one; logged, never sent. */
  cause?: unknown;
}

/**
 * An error that becomes an RFC 9457 `application/problem+json` response. Throw it from a
 * handler, a guard or a loader.
 *
 * @example throw new HttpProblem('CONFLICT', { detail: 'The drink is sold out' });
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export class HttpProblem extends Error {
  /** The problem's code. */
  readonly code: ProblemCode;
  /** The HTTP status. */
  readonly status: number;
  /** The problem's title. */
  readonly title: string;
  /** What went wrong this time. */
  readonly detail: string | undefined;
  /** Invalid fields, for validation problems. */
  readonly errors: FieldProblem[] | undefined;
  /** Extension members. */
  readonly extensions: Record<string, unknown>;
  /** Response headers. */
  readonly headers: Record<string, string>;

  /** Creates a problem with the status and title of `code`. */
  constructor(code: ProblemCode, options: HttpProblemOptions = {}) {
    if (!(code in PROBLEMS))
      throw new TypeError(`new HttpProblem(): unknown problem code "${String(code)}"`);
    const { status, title } = PROBLEMS[code];
    super(options.detail ?? title, { cause: options.cause });
    this.name = 'HttpProblem';
    this.code = code;
    this.status = status;
    this.title = title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  /** The problem document to send. */
  toJSON(): ProblemDocument {
    const document: ProblemDocument = {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
    };
    if (this.detail !== undefined) document.detail = this.detail;
    if (this.errors !== undefined) document.errors = this.errors;
    for (const [name, value] of Object.entries(this.extensions)) {
      if (!(name in document)) document[name] = value;
    }
    return document;
  }
}
