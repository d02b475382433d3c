import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * A failure the CLI explains to a person: what went wrong, what to do about it (`hint`), and the
 * exit code a script sees.
 */
export class CliError extends Error {
  /** The process's exit code for this failure. */
  readonly exitCode: ExitCode;
  /** What to do next, in one or two sentences. */
  readonly hint: string | undefined;
  /** Further lines shown under the message (one failing field each, for instance). */
  readonly details: readonly string[];

  /** Creates the error; `hint` says what to do, `details` lists what failed. */
  constructor(
    message: string,
    exitCode: ExitCode,
    options: { hint?: string; details?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** A wrong command line: exit code 2, with the usage line as the hint. */
export function usageError(message: string, usage: string): CliError {
  return new CliError(message, EXIT.USAGE, { hint: `Usage: ${usage}` });
}

/** Reads an absolute http(s) URL given on the command line, or fails saying what one looks like. */
export function parseUrlArgument(value: string | undefined, usage: string): string {
  if (value === undefined) throw usageError('A URL is missing.', usage);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`"${value}" is not an absolute URL (like http://localhost:4001/).`, usage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`"${value}" is not an http or https URL.`, usage);
  }
  return url.href;
}
