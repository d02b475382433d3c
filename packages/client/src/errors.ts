import type { FieldError, FieldProblem, ProblemDocument } from '@halway/hal';
import type { State } from './state.js';
import type { ResourceType } from './typing.js';

/** The `code` of every error the client throws, one per error class. */
export type ClientErrorCode =
  | 'HTTP_ERROR'
  | 'PROBLEM'
  | 'CONFLICT'
  | 'LINK_NOT_FOUND'
  | 'MISSING_VARIABLES'
  | 'FORM_NOT_FOUND'
  | 'INVALID_FORM'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NETWORK'
  | 'TOO_MANY_REDIRECTS';

/** The base class of every error the client throws; `code` says which one it is. */
export class ClientError extends Error {
  /** Which error this is, stable across versions: test and branch on it, not on the message. */
  readonly code: ClientErrorCode;

  /** Creates an error with its code; `cause` keeps the underlying error. */
  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** What an {@link HttpError} knows about the response that caused it. */
export interface HttpErrorInit {
  /** Method of the request. */
  method: string;
  /** URL the response came from. */
  url: string;
  /** Status code. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Response body, as text. */
  body: string;
}

/** A response with an error status (4xx or 5xx) that is not a problem document. */
export class HttpError extends ClientError {
  /** The status code. */
  readonly status: number;
  /** Method of the failed request. */
  readonly method: string;
  /** URL of the failed request. */
  readonly url: string;
  /** Response headers. */
  readonly headers: Headers;
  /** Response body, as text. */
  readonly body: string;

  /** Creates the error from a response; subclasses pass their own code and message. */
  constructor(init: HttpErrorInit, code: ClientErrorCode = 'HTTP_ERROR', message?: string) {
    super(code, message ?? `${init.method} ${init.url} failed with status ${init.status}`);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.body = init.body;
  }

  /** The response, rebuilt: its body can be read as often as needed. */
  get response(): Response {
    return new Response(this.body, { status: this.status, headers: this.headers });
  }
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance']);

/**
 * An error response with an `application/problem+json` body: its standard members as fields,
 * the rest under `extensions`, and Halway's field-level `errors` for validation problems.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export class Problem extends HttpError {
  /** URI identifying the kind of problem (`about:blank` when absent). */
  readonly type: string;
  /** Short summary of the kind of problem. */
  readonly title: string | undefined;
  /** What went wrong this time. */
  readonly detail: string | undefined;
  /** URI of this occurrence. */
  readonly instance: string | undefined;
  /** Invalid fields, when the server rejected submitted values. */
  readonly errors: FieldProblem[];
  /** Every member that is not one of RFC 9457's five. */
  readonly extensions: Record<string, unknown>;
  /** The problem document as received. */
  readonly document: ProblemDocument;

  /** Creates the error from a response and its parsed problem document. */
  constructor(init: HttpErrorInit, document: ProblemDocument, code: ClientErrorCode = 'PROBLEM') {
    const title = typeof document.title === 'string' ? document.title : undefined;
    const detail = typeof document.detail === 'string' ? document.detail : undefined;
    super(
      init,
      code,
      `${init.method} ${init.url} failed with status ${init.status}` +
        (title ? `: ${title}` : '') +
        (detail ? ` (${detail})` : ''),
    );
    this.document = document;
    this.type = typeof document.type === 'string' ? document.type : 'about:blank';
    this.title = title;
    this.detail = detail;
    this.instance = typeof document.instance === 'string' ? document.instance : undefined;
    this.errors = Array.isArray(document.errors) ? document.errors : [];
    this.extensions = Object.fromEntries(
      Object.entries(document).filter(([name]) => !STANDARD_MEMBERS.has(name)),
    );
  }
}

/**
 * A conditional write lost the race (412 Precondition Failed): the resource changed since the
 * form was read. `current` holds its fresh state, so the caller can decide again.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1
 */
export class ConflictError extends HttpError {
  /** The problem document the server sent with the 412, if any. */
  readonly problem: ProblemDocument | undefined;
  /** The fresh state of the resource the form came from, when it could be fetched. */
  readonly current: State<ResourceType> | undefined;

  /** Creates the error from the 412 response and the state fetched after it. */
  constructor(
    init: HttpErrorInit,
    problem: ProblemDocument | undefined,
    current: State<ResourceType> | undefined,
  ) {
    super(init, 'CONFLICT', `${init.method} ${init.url}: the resource changed since it was read`);
    this.problem = problem;
    this.current = current;
  }
}

/** `follow()` found no link and no embedded resource for a relation. */
export class LinkNotFoundError extends ClientError {
  /** The relation asked for. */
  readonly rel: string;
  /** URL of the resource that was searched. */
  readonly url: string;
  /** The relations that resource does have (links and embedded), to spot a typo. */
  readonly available: string[];

  /** Creates the error for `rel` missing from the resource at `url`. */
  constructor(rel: string, url: string, available: string[]) {
    super(
      'LINK_NOT_FOUND',
      `${url} has no link "${rel}"; it has: ${available.join(', ') || 'no links'}`,
    );
    this.rel = rel;
    this.url = url;
    this.available = available;
  }
}

/**
 * `follow()` was asked to follow a templated link without values for the variables that build
 * its path (`/orders/{id}` with no `id`): the request would have gone to a wrong URL, so none was
 * sent. Query variables (`{?page}`) may be left out.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6570
 */
export class MissingVariablesError extends ClientError {
  /** The relation followed. */
  readonly rel: string;
  /** The link's template, as the resource gave it. */
  readonly template: string;
  /** URL of the resource the link came from. */
  readonly url: string;
  /** The variables that need a value (pass them as `follow(rel, { vars })`). */
  readonly missing: string[];

  /** Creates the error for the link `rel` of the resource at `url`. */
  constructor(rel: string, template: string, url: string, missing: string[]) {
    super(
      'MISSING_VARIABLES',
      `${url}: link "${rel}" is the template ${template}; follow it with vars for ${missing.join(', ')}`,
    );
    this.rel = rel;
    this.template = template;
    this.url = url;
    this.missing = missing;
  }
}

/** `form()` found no HAL-FORMS template by that name (or none at all). */
export class FormNotFoundError extends ClientError {
  /** The template asked for; undefined when the default one was. */
  readonly template: string | undefined;
  /** URL of the resource that was searched. */
  readonly url: string;
  /** The templates that resource does have. */
  readonly available: string[];

  /** Creates the error for `template` missing from the resource at `url`. */
  constructor(template: string | undefined, url: string, available: string[]) {
    super(
      'FORM_NOT_FOUND',
      `${url} has no ${template === undefined ? 'template' : `template "${template}"`}; it has: ${available.join(', ') || 'no templates'}`,
    );
    this.template = template;
    this.url = url;
    this.available = available;
  }
}

/** Values failed the template's constraints; nothing was sent. */
export class InvalidFormError extends ClientError {
  /** The template's name. */
  readonly template: string;
  /** Every failed constraint of every field. */
  readonly errors: FieldError[];

  /** Creates the error for the failed constraints of `template`. */
  constructor(template: string, errors: FieldError[]) {
    super(
      'INVALID_FORM',
      `Form "${template}" is invalid: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
    );
    this.template = template;
    this.errors = errors;
  }

  /** The names of the failing fields, each once. */
  get fields(): string[] {
    return [...new Set(this.errors.map((error) => error.field))];
  }
}

/** A request took longer than its timeout (on every attempt it was allowed). */
export class TimeoutError extends ClientError {
  /** URL of the request. */
  readonly url: string;
  /** The timeout, in milliseconds. */
  readonly timeout: number;

  /** Creates the error for `url` after `timeout` milliseconds. */
  constructor(url: string, timeout: number) {
    super('TIMEOUT', `${url} did not answer within ${timeout} ms`);
    this.url = url;
    this.timeout = timeout;
  }
}

/** The caller's `AbortSignal` cancelled the call. */
export class AbortError extends ClientError {
  /** The signal's reason. */
  readonly reason: unknown;

  /** Creates the error with the signal's reason. */
  constructor(url: string, reason: unknown) {
    super('ABORTED', `${url}: the request was aborted`, { cause: reason });
    this.reason = reason;
  }
}

/** No response arrived: the connection failed or was closed (after every allowed retry). */
export class NetworkError extends ClientError {
  /** URL of the request. */
  readonly url: string;

  /** Creates the error for `url`, keeping the error fetch threw as `cause`. */
  constructor(url: string, cause: unknown) {
    super('NETWORK', `${url}: no response (${(cause as Error)?.message ?? String(cause)})`, {
      cause,
    });
    this.url = url;
  }
}

/** A chain of redirects went on past the limit. */
export class TooManyRedirectsError extends ClientError {
  /** The URL the chain started from. */
  readonly url: string;

  /** Creates the error for the chain that started at `url`. */
  constructor(url: string, limit: number) {
    super('TOO_MANY_REDIRECTS', `${url}: more than ${limit} redirects`);
    this.url = url;
  }
}
