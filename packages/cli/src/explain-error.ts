import {
  ClientError,
  FormNotFoundError,
  HttpError,
  InvalidFormError,
  LinkNotFoundError,
  NetworkError,
  Problem,
  TimeoutError,
  TooManyRedirectsError,
} from '@halway/client';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { inert } from './output/style.js';

/**
 * Turns whatever a command threw into a {@link CliError}: the client's typed errors become a
 * message, a hint of what to do, and their exit code; anything else is a failure with its message.
 */
export function explainError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidFormError) {
    return new CliError(
      `The values for "${error.template}" are not valid; nothing was sent.`,
      EXIT.INVALID,
      {
        details: error.errors.map((failure) => `${failure.field}: ${failure.message}`),
        hint: 'Give each field as field=value; "halway get <url>" lists the fields and their constraints.',
        cause: error,
      },
    );
  }
  if (error instanceof LinkNotFoundError) {
    return new CliError(`${error.url} has no link "${inert(error.rel)}".`, EXIT.NOT_FOUND, {
      hint: `It has: ${error.available.map(inert).join(', ') || 'no links'}.`,
      cause: error,
    });
  }
  if (error instanceof FormNotFoundError) {
    return new CliError(
      `${error.url} has no form "${inert(error.template ?? 'default')}" now.`,
      EXIT.NOT_FOUND,
      {
        hint:
          error.available.length > 0
            ? `It offers: ${error.available.map(inert).join(', ')}.`
            : 'It offers no form in its current state: "halway get" shows what it offers.',
        cause: error,
      },
    );
  }
  if (error instanceof Problem) return explainHttp(error, problemDetails(error));
  if (error instanceof HttpError) return explainHttp(error, []);
  if (error instanceof NetworkError) {
    const cause = (error.cause as { cause?: { code?: string } } | undefined)?.cause?.code;
    return new CliError(
      `No answer from ${new URL(error.url).origin}${cause ? ` (${cause})` : ''}.`,
      EXIT.NETWORK,
      { hint: 'Check that the service is running and the URL is right.', cause: error },
    );
  }
  if (error instanceof TimeoutError) {
    return new CliError(`${error.url} did not answer within ${error.timeout} ms.`, EXIT.NETWORK, {
      hint: 'Try again, or allow longer with --timeout <ms>.',
      cause: error,
    });
  }
  if (error instanceof TooManyRedirectsError) {
    return new CliError(error.message, EXIT.HTTP, { cause: error });
  }
  if (error instanceof ClientError)
    return new CliError(error.message, EXIT.FAILURE, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(message, EXIT.FAILURE, { cause: error });
}

function problemDetails(problem: Problem): string[] {
  const lines = problem.errors.map(
    (failure) => `${inert(failure.field ?? failure.pointer)}: ${inert(failure.detail)}`,
  );
  const allowed = problem.extensions.allowed;
  if (Array.isArray(allowed)) {
    lines.push(
      `allowed now: ${allowed.map((name) => inert(String(name))).join(', ') || 'nothing'}`,
    );
  }
  return lines;
}

function explainHttp(error: HttpError, details: string[]): CliError {
  const problem = error instanceof Problem ? error : undefined;
  const summary = [problem?.title, problem?.detail].filter(Boolean).map((text) => inert(text!));
  const message = `${error.method} ${error.url} failed with ${error.status}${summary.length ? `: ${summary.join('. ')}` : '.'}`;
  const origin = new URL(error.url).origin;
  const hints: Record<number, string> = {
    401: `Give a credential for ${origin} in the config file or HALWAY_CREDENTIALS ("halway get --help" shows how).`,
    403: `The credential configured for ${origin} is not allowed to do this.`,
    404: 'Start again from the entry URL and follow links, rather than typing paths.',
    409: 'The resource is not in a state that allows this now: "halway get" shows what it offers.',
    412: 'The resource changed since it was read: read it again and retry.',
    422: 'Correct the values the server named and submit again.',
    429: 'Wait a moment and try again.',
  };
  const exitCode =
    error.status === 404 || error.status === 410
      ? EXIT.NOT_FOUND
      : error.status === 422
        ? EXIT.INVALID
        : EXIT.HTTP;
  const hint =
    hints[error.status] ??
    (error.status >= 500 ? 'The service failed; try again later.' : undefined);
  return new CliError(message, exitCode, { details, cause: error, ...(hint ? { hint } : {}) });
}
