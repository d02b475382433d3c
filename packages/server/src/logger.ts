/** Structured fields of a log entry. */
export type LogFields = Record<string, unknown>;

/**
 * Where a service writes what happens: one structured entry per request, warnings (a peer that
 * cannot be reached) and errors (with their stack, which never goes to clients).
 */
export interface Logger {
  /** Something normal happened. */
  info(message: string, fields?: LogFields): void;
  /** Something went wrong but the service coped. */
  warn(message: string, fields?: LogFields): void;
  /** Something failed. */
  error(message: string, fields?: LogFields): void;
}

/**
 * A logger that writes one JSON object per line: `{"time":…,"level":…,"msg":…, ...fields}`.
 *
 * @example createJsonLogger({ service: 'orders' }).info('listening', { url })
 */
export function createJsonLogger(
  base: LogFields = {},
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      write(
        JSON.stringify(
          { time: new Date().toISOString(), level, msg: message, ...base, ...fields },
          errorReplacer,
        ),
      );
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that writes nothing. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** The logger a service uses when given none: JSON lines, silent when NODE_ENV is `test`. */
export function defaultLogger(base: LogFields = {}): Logger {
  return process.env.NODE_ENV === 'test' ? silentLogger : createJsonLogger(base);
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
