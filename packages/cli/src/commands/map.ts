import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { crawlWorkflow, reachableFrom, type CrawlProgress } from '@halway/map';
import { defineCommand } from '../command.js';
import { CliError, parseUrlArgument, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { progressLine } from '../map/progress.js';
import { MAP_FORMATS, formatOfFile, renderMap, type MapFormat } from '../map/render.js';

/** `halway map <entry-url>`: crawls the services from one URL and draws their workflow. */
export const map = defineCommand({
  name: 'map',
  summary: 'Crawl the services reachable from one URL and draw their workflow',
  usage:
    'halway map <entry-url> [--format json|svg|html|mermaid|dot] [--output file] [--exercise] [--from name] [--origin pattern]…',
  description: `
Reads every resource reachable from <entry-url> by links and safe (GET) forms, across services,
and each service's ALPS profile. It builds a map: the kinds of resource per service, the states
each kind was seen in (the links and forms it offered, and its status), and the transitions
between them: links (safe) and forms (unsafe), with the service they belong to. Transitions a
profile declares but no resource showed are drawn dashed.

--exercise also submits every unsafe form it finds, once, with values generated from the form's
constraints, and follows what happens, so states that appear only later in a workflow (paid,
ready, cancelled) are found too. It changes data: use it on test and staging deployments only.

Only origins on the entry's host are requested unless --origin names others; credentials come
from the config file per origin as for "halway get". The picture groups states by service and
is laid out by Graphviz (in WebAssembly). --from keeps what can happen after one transition.`,
  options: {
    format: {
      type: 'string',
      short: 'f',
      placeholder: 'format',
      description: `One of ${MAP_FORMATS.join(', ')} (default: from --output's extension, else json).`,
    },
    output: {
      type: 'string',
      short: 'o',
      placeholder: 'file',
      description: 'Write to this file instead of stdout.',
    },
    exercise: {
      type: 'boolean',
      description: 'Submit unsafe forms with generated values (changes data: test deployments).',
    },
    from: {
      type: 'string',
      placeholder: 'name',
      description: 'Keep only what is reachable from this rel or form (place-order).',
    },
    origin: {
      type: 'string',
      multiple: true,
      placeholder: 'pattern',
      description: 'An origin that may be crawled (https://pay.example, http://127.0.0.1:*).',
    },
    'all-links': {
      type: 'boolean',
      description: 'Draw every safe link, not only the first way to each state.',
    },
    depth: { type: 'string', placeholder: 'n', description: 'Links away from the entry (8).' },
    max: { type: 'string', placeholder: 'n', description: 'Resources to read at most (300).' },
    settle: {
      type: 'string',
      placeholder: 'ms',
      description: 'With --exercise, wait this long without change after each form (800).',
    },
  },
  examples: [
    'halway map http://localhost:4001/ -o map.json',
    'halway map http://localhost:4001/ --exercise --format svg -o coffee-shop.svg',
    'halway map http://localhost:4001/ --exercise --from place-order --format mermaid',
    'halway map https://shop.example/ --origin https://pay.example --origin https://kitchen.example',
  ],
  async run({ io, args, options, global, client, usage }) {
    if (args.length > 1) throw usageError(`map takes one URL (got ${args.length}).`, usage);
    const entry = parseUrlArgument(args[0], usage);
    const output = typeof options.output === 'string' ? options.output : undefined;
    const format = chooseFormat(options.format, output, global.json, usage);
    const exercise = options.exercise === true;
    const http = await client();
    // The entry is read once through the client first, so an unreachable one fails as "get" does.
    await http.go(entry).get();
    if (exercise) io.stderr.write('exercise: submitting forms with generated values\n');
    const progress = progressLine(io);
    let last: CrawlProgress | undefined;
    let result = await crawlWorkflow(http, entry, {
      exercise,
      ...(Array.isArray(options.origin) ? { origins: options.origin as string[] } : {}),
      ...count('depth', options.depth, usage, (maxDepth) => ({ maxDepth })),
      ...count('max', options.max, usage, (maxDocuments) => ({ maxDocuments })),
      ...count('settle', options.settle, usage, (settle) => ({ settle })),
      onProgress: (now) => {
        last = now;
        progress.update(now);
      },
    });
    if (last) progress.done(last);
    if (typeof options.from === 'string') {
      try {
        result = reachableFrom(result, options.from);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.NOT_FOUND, {
          hint: 'Name a rel or form the map has; "halway map <url>" without --from lists them all.',
        });
      }
    }
    const text = await renderMap(result, format, {
      links: options['all-links'] === true ? 'all' : 'paths',
    });
    if (output) await writeFile(resolve(io.cwd, output), text);
    else io.stdout.write(text);
  },
});

function chooseFormat(
  value: unknown,
  output: string | undefined,
  json: boolean,
  usage: string,
): MapFormat {
  if (typeof value === 'string') {
    const format = MAP_FORMATS.find((candidate) => candidate === value);
    if (!format) throw usageError(`--format is one of ${MAP_FORMATS.join(', ')}.`, usage);
    return format;
  }
  if (json) return 'json';
  return (output ? formatOfFile(output) : undefined) ?? 'json';
}

function count<T>(
  name: string,
  value: unknown,
  usage: string,
  wrap: (value: number) => T,
): T | Record<string, never> {
  if (value === undefined) return {};
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw usageError(`--${name} takes a whole number (got "${value as string}").`, usage);
  return wrap(number);
}
