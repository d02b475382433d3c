import { defineCommand, parseUrlArgument } from '@halway/cli';

export const rels = defineCommand({
  name: 'rels',
  summary: 'List the relations a resource links to',
  usage: 'halway rels <url>',
  async run({ io, args, client, usage }) {
    const state = await (await client()).go(parseUrlArgument(args[0], usage)).get();
    io.stdout.write(state.rels().join('\n') + '\n');
  },
});
