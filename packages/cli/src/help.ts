import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command.js';

/** `halway --help`: every command with its summary, and the global options. */
export function programHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `halway ${version}: read, follow, submit and map HAL and HAL-FORMS resources, across services.`,
    '',
    'Usage: halway <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Run "halway <command> --help" for a command\'s arguments and examples.',
    'Credentials (per origin): see "halway get --help".',
    '',
  ].join('\n');
}

/** `halway <command> --help`: its usage, description, options and examples. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${command.usage}`, '', command.summary + '.'];
  if (command.description) lines.push('', command.description.trim());
  if (command.options && Object.keys(command.options).length > 0) {
    lines.push('', 'Options:', ...optionLines(command.options));
  }
  lines.push('', 'Options for every command:', ...optionLines(GLOBAL_OPTIONS));
  if (command.examples && command.examples.length > 0) {
    lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  }
  return lines.join('\n') + '\n';
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const entries = Object.entries(options).map(([name, spec]): [string, OptionSpec] => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}`;
    return [spec.type === 'string' ? `${flag} <${spec.placeholder ?? 'value'}>` : flag, spec];
  });
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return entries.map(
    ([flag, spec]) =>
      `  ${flag.padEnd(width)}  ${spec.description}${spec.multiple ? ' (repeatable)' : ''}`,
  );
}
