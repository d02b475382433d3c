import { parseArgs } from 'node:util';
import { GLOBAL_OPTIONS, type Command, type GlobalOptions, type OptionSpec } from './command.js';
import { commands as builtIn } from './commands/index.js';
import { createCliClient } from './credentials/client.js';
import { CliError, usageError } from './errors.js';
import { explainError } from './explain-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { commandHelp, programHelp } from './help.js';
import type { CliIo } from './io.js';
import { createStyle } from './output/style.js';
import { VERSION } from './version.js';

/**
 * Runs `halway` with the arguments after the program name and returns the exit code; it never
 * throws for a failure it can explain (the explanation goes to stderr).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = builtIn,
): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic =
      name === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    io.stdout.write(topic ? commandHelp(topic) : programHelp(commands, VERSION));
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (!command) throw unknownCommand(name, commands);
    const parsed = parse(command, rest);
    if (parsed.values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.OK;
    }
    const global = globalOptions(parsed.values, command.usage);
    let client: ReturnType<typeof createCliClient> | undefined;
    const code = await command.run({
      io,
      args: parsed.positionals,
      options: parsed.values,
      global,
      usage: command.usage,
      style: createStyle(io, io.stdout, global.noColor),
      client: () => (client ??= createCliClient(io, global)),
    });
    return code ?? EXIT.OK;
  } catch (error) {
    const explained = explainError(error);
    report(io, explained, global(rest));
    return explained.exitCode;
  }
}

function parse(command: Command, args: string[]) {
  const options: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    return parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(options).map(([name, spec]) => [
          name,
          {
            type: spec.type,
            ...(spec.short ? { short: spec.short } : {}),
            multiple: spec.multiple === true,
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('. ')[0]}.`, command.usage);
  }
}

function globalOptions(values: Record<string, unknown>, usage: string): GlobalOptions {
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
    throw usageError('--timeout takes a whole number of milliseconds, like --timeout 5000.', usage);
  }
  return {
    json: values.json === true,
    verbose: values.verbose === true,
    config: typeof values.config === 'string' ? values.config : undefined,
    noColor: values['no-color'] === true,
    timeout,
  };
}

// Errors are reported before the options were necessarily understood: look for the flag itself.
function global(args: readonly string[]): { noColor: boolean } {
  return { noColor: args.includes('--no-color') };
}

function report(io: CliIo, error: CliError, options: { noColor: boolean }): void {
  const style = createStyle(io, io.stderr, options.noColor);
  const lines = [`${style.red(style.bold('error:'))} ${error.message}`];
  for (const detail of error.details) lines.push(`  ${detail}`);
  if (error.hint) lines.push(style.dim(error.hint));
  io.stderr.write(lines.join('\n') + '\n');
}

function unknownCommand(name: string, commands: readonly Command[]): CliError {
  const names = commands.map((command) => command.name);
  const close = names.find((candidate) => distance(candidate, name) <= 2);
  return new CliError(`"${name}" is not a halway command.`, EXIT.USAGE, {
    hint: `${close ? `Did you mean "${close}"? ` : ''}Commands: ${names.join(', ')}. See "halway --help".`,
  });
}

// Levenshtein distance, for "did you mean" on a mistyped command.
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
