/**
 * The exit codes of `halway`, one per kind of outcome, so scripts can branch on them. They are
 * part of the CLI's interface: a code never changes meaning.
 */
export const EXIT = {
  /** It worked. */
  OK: 0,
  /** Something unexpected failed (a bug, or a response the CLI cannot read). */
  FAILURE: 1,
  /** The command line is wrong: unknown command or option, a missing or malformed argument. */
  USAGE: 2,
  /** The resource has no such link or form, or the server answered 404 or 410. */
  NOT_FOUND: 3,
  /** Form values failed a constraint, in the CLI before sending or at the server (422). */
  INVALID: 4,
  /** The server refused the request (another 4xx or 5xx status). */
  HTTP: 5,
  /** No answer: the connection failed or timed out. */
  NETWORK: 6,
  /** The configuration (file or environment) is unreadable or incomplete. */
  CONFIG: 7,
  /** `halway diff` found a breaking change. */
  BREAKING: 8,
  /** A prompt was cancelled (Ctrl-C). */
  INTERRUPTED: 130,
} as const;

/** One of the values of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
