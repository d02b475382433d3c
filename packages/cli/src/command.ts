import type { HalwayClient } from '@halway/client';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { Style } from './output/style.js';

/** One option of a command, as `util.parseArgs` takes it, plus what `--help` says about it. */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a flag. */
  type: 'string' | 'boolean';
  /** A one-letter alias (`-v`). */
  short?: string;
  /** Whether it may be given several times (values collected in order). */
  multiple?: boolean;
  /** How `--help` shows the value (`name=value`). */
  placeholder?: string;
  /** One sentence for `--help`. */
  description: string;
}

/** The options every command takes: output, credentials, verbosity. */
export interface GlobalOptions {
  /** `--json`: machine-readable output on stdout. */
  json: boolean;
  /** `--verbose`: every request on stderr, with the credential its origin got. */
  verbose: boolean;
  /** `--config <file>`: the credentials file (else `HALWAY_CONFIG`, else the default path). */
  config: string | undefined;
  /** `--no-color`: plain text even on a terminal. */
  noColor: boolean;
  /** `--timeout <ms>`: per request. */
  timeout: number | undefined;
}

/** The values of a command's own options, by name. */
export type OptionValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

/** What a command runs with. */
export interface CommandContext {
  /** Streams, environment, working directory. */
  io: CliIo;
  /** The positional arguments after the command's name. */
  args: readonly string[];
  /** The command's own options. */
  options: OptionValues;
  /** The options every command takes. */
  global: GlobalOptions;
  /** Colours for stdout (off when it is not a terminal or `NO_COLOR` is set). */
  style: Style;
  /** The usage line, for error hints. */
  usage: string;
  /** A client with the configured credentials, each scoped to its origins (made on first use). */
  client(): Promise<HalwayClient>;
}

/**
 * A command of `halway`: its name, its help, its options and what it does. Each lives in its own
 * file under `src/commands/` and is listed once in `src/commands/index.ts`.
 *
 * @example
 * export const hello = defineCommand({
 *   name: 'hello',
 *   summary: 'Say hello',
 *   usage: 'halway hello <name>',
 *   run: ({ io, args }) => io.stdout.write(`hello ${args[0]}\n`),
 * });
 */
export interface Command {
  /** What is typed after `halway`. */
  name: string;
  /** One line for `halway --help`. */
  summary: string;
  /** The usage line (`halway get <url> [options]`). */
  usage: string;
  /** Paragraphs for `halway <command> --help`. */
  description?: string;
  /** Example command lines, each with a `#` comment if useful. */
  examples?: readonly string[];
  /** The command's own options (the global ones are added). */
  options?: Readonly<Record<string, OptionSpec>>;
  /** Does the work; returns the exit code (0 when nothing is returned). */
  run(context: CommandContext): Promise<ExitCode | void> | ExitCode | void;
}

/** Declares a command; only the type is checked, so the registry stays one plain list. */
export function defineCommand(command: Command): Command {
  return command;
}

/** The global options, as `--help` lists them. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'Print JSON on stdout, for scripts.' },
  verbose: {
    type: 'boolean',
    short: 'v',
    description: 'Show each request on stderr, with the credential its origin got.',
  },
  config: {
    type: 'string',
    placeholder: 'file',
    description:
      'The credentials file (default: $HALWAY_CONFIG, else ~/.config/halway/config.json).',
  },
  'no-color': { type: 'boolean', description: 'No colour, even on a terminal.' },
  timeout: {
    type: 'string',
    placeholder: 'ms',
    description: 'Give up on a request after this long.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};
