import { defineCommand } from '../command.js';
import { parseUrlArgument, usageError } from '../errors.js';
import { renderState } from '../output/render-state.js';
import { printJson, stateJson } from '../output/state-json.js';

/** `halway get <url>`: a resource, for a person or (with `--json`) for a script. */
export const get = defineCommand({
  name: 'get',
  summary: 'Show a resource: its properties, its links and the forms it offers now',
  usage: 'halway get <url> [--json] [--verbose]',
  description: `
Reads the resource at <url> (as HAL-FORMS, else HAL) and shows its title, properties, links
(relation, title, target; links into another service are marked) and forms, with each field's
constraints: required, type, range, length, pattern, options and starting value.

Credentials are read per origin from the config file (--config, $HALWAY_CONFIG, or
~/.config/halway/config.json) and from $HALWAY_CREDENTIALS, and sent only to their origins:

  { "credentials": [
      { "origin": "https://orders.example", "bearer": { "env": "ORDERS_TOKEN" } },
      { "origin": "http://127.0.0.1:*", "basic": { "user": "ada", "password": "secret" } },
      { "origin": ["https://a.example", "https://b.example"],
        "header": { "name": "x-api-key", "value": { "env": "API_KEY" } } } ] }

A secret is a string or { "env": "NAME" }. --verbose shows which origin got which credential.`,
  examples: [
    'halway get http://localhost:4001/',
    'halway get http://localhost:4001/orders/1 --json | jq .properties.status',
    'halway get https://orders.example/ --verbose   # which credential went where',
  ],
  async run({ io, args, global, style, client, usage }) {
    if (args.length > 1)
      throw usageError(`get takes one URL (got ${args.length} arguments).`, usage);
    const url = parseUrlArgument(args[0], usage);
    const state = await (await client()).go(url).get();
    io.stdout.write(global.json ? printJson(stateJson(state)) : renderState(state, style));
  },
});
