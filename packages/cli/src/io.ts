import type { Readable, Writable } from 'node:stream';

/** A stream the CLI writes to, and whether it is a terminal. */
export interface CliOutput {
  /** Writes text as it is. */
  write(text: string): void;
  /** Whether it is a terminal (colour, prompts). */
  readonly isTTY: boolean;
}

/**
 * Everything the CLI touches outside itself: its streams, environment and working directory.
 * Commands take it from their context, so tests can run them in-process with their own streams.
 */
export interface CliIo {
  /** Results: what a script pipes on. */
  stdout: CliOutput;
  /** Errors, progress and `--verbose` lines. */
  stderr: CliOutput;
  /** Where prompts read from. */
  stdin: Readable & { isTTY?: boolean };
  /** The stream prompts draw on (a terminal). */
  terminal: Writable;
  /** The environment (`NO_COLOR`, credentials, `HALWAY_CONFIG`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are read against. */
  cwd: string;
}

/** The process's own streams, environment and working directory. */
export function processIo(): CliIo {
  const output = (stream: NodeJS.WriteStream): CliOutput => ({
    write: (text) => void stream.write(text),
    isTTY: stream.isTTY === true,
  });
  return {
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    stdin: process.stdin,
    terminal: process.stdout,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Whether prompts can be shown: both ends are a terminal. */
export function isInteractive(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY;
}
