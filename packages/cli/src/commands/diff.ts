import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diffMaps, readMap, type MapChange, type WorkflowMap } from '@halway/map';
import { defineCommand } from '../command.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output/state-json.js';
import { inert } from '../output/style.js';

/** `halway diff <old.json> <new.json>`: what changed between two maps, breaking changes first. */
export const diff = defineCommand({
  name: 'diff',
  summary: 'Compare two maps (from "halway map") and fail on a breaking change',
  usage: 'halway diff <old.json> <new.json> [--json]',
  description: `
Compares two maps written by "halway map --format json" and lists what changed, breaking
changes first: a service, kind, rel, form, field or option removed, a field newly required, a
constraint narrowed (range, length, pattern, type, method) or a state no longer reached.
Additions and relaxed constraints are listed as compatible.

The exit code is 8 when anything breaks, 0 otherwise, so CI can run it on the map of a
staging deployment against the map of the last release.`,
  examples: [
    'halway map https://staging.example/ -o new.json && halway diff released.json new.json',
    'halway diff old.json new.json --json | jq ".[] | select(.breaking)"',
  ],
  async run({ io, args, global, style, usage }) {
    if (args.length !== 2) throw usageError('diff takes two map files.', usage);
    const [before, after] = await Promise.all(args.map((path) => load(io, path)));
    const changes = diffMaps(before!, after!);
    const breaking = changes.filter((change) => change.breaking).length;
    if (global.json) io.stdout.write(printJson(changes));
    else if (changes.length === 0) io.stdout.write('No changes.\n');
    else {
      const line = (change: MapChange) =>
        `${change.breaking ? style.red(style.bold('breaking  ')) : style.green('compatible')}  ${inert(change.where)}: ${inert(change.what)}`;
      io.stdout.write(
        [
          ...changes.map(line),
          '',
          `${breaking} breaking, ${changes.length - breaking} compatible.`,
        ].join('\n') + '\n',
      );
    }
    return breaking > 0 ? EXIT.BREAKING : EXIT.OK;
  },
});

async function load(io: CliIo, path: string): Promise<WorkflowMap> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, EXIT.USAGE, {
      hint: 'Write a map with "halway map <url> -o map.json" first.',
    });
  }
  try {
    return readMap(JSON.parse(text));
  } catch (error) {
    throw new CliError(`${path} is not a map: ${(error as Error).message}`, EXIT.USAGE, {
      hint: 'Maps are what "halway map <url> --format json" writes.',
    });
  }
}
