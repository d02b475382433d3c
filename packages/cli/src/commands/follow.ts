import type { Resource } from '@halway/client';
import { defineCommand } from '../command.js';
import { parseUrlArgument, usageError } from '../errors.js';
import { renderState } from '../output/render-state.js';
import { printJson, stateJson } from '../output/state-json.js';
import { inert } from '../output/style.js';
import { parseVariables } from '../values.js';

/** `halway follow <url> <rel>…`: follows relations, across services, and shows where they lead. */
export const follow = defineCommand({
  name: 'follow',
  summary: 'Follow links by relation from a URL, across services, and show where they lead',
  usage: 'halway follow <url> <rel>… [--var name=value]… [--name link-name] [--json]',
  description: `
Starts at <url> and follows each relation in turn. Every href is read against the document it
came from, so a link into another service leads there, with that service's credentials only.
Templated links (RFC 6570) are expanded with the --var values; --name picks the link of that
name among several of the last relation. The hops go to stderr, the last resource to stdout.`,
  options: {
    var: {
      type: 'string',
      multiple: true,
      placeholder: 'name=value',
      description: 'A variable for templated links.',
    },
    name: {
      type: 'string',
      placeholder: 'link-name',
      description: 'Pick the link with this name, for the last relation.',
    },
  },
  examples: [
    'halway follow http://localhost:4001/ orders --var status=paid',
    'halway follow http://localhost:4001/orders/1 payment',
    'halway follow http://localhost:4001/orders/1 ticket order --json',
  ],
  async run({ io, args, options, global, style, client, usage }) {
    const [start, ...rels] = args;
    const url = parseUrlArgument(start, usage);
    if (rels.length === 0) throw usageError('Name at least one relation to follow.', usage);
    const vars = parseVariables(options.var, usage);
    const name = typeof options.name === 'string' ? options.name : undefined;
    let resource: Resource = (await client()).go(url);
    for (const [index, rel] of rels.entries()) {
      const last = index === rels.length - 1;
      resource = await resource.follow(rel, {
        vars,
        ...(last && name !== undefined ? { name } : {}),
      });
      if (!global.json) io.stderr.write(style.dim(`-> ${inert(rel)}  ${inert(resource.url)}\n`));
    }
    const state = await resource.get();
    io.stdout.write(global.json ? printJson(stateJson(state)) : renderState(state, style));
  },
});
