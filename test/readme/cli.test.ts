import { expect } from 'chai';
import { createClient } from '@halway/client';
import type { CommandContext } from '@halway/cli';
import { createApp } from '@halway/example-hello';
import { serve, type RunningService } from '@halway/server';
import { rels } from './cli/rels.js';

describe('@halway/cli README', () => {
  let hello: RunningService;

  before(async () => {
    hello = await serve(createApp(), { port: 0, host: '127.0.0.1' });
  });
  after(() => hello.close());

  it('should run the command it shows: the relations of a resource, one a line', async () => {
    let written = '';
    const context = {
      io: { stdout: { write: (text: string) => void (written += text) } },
      args: [`${hello.url}/`],
      client: () => Promise.resolve(createClient()),
      usage: rels.usage,
    };
    await rels.run(context as unknown as CommandContext);
    expect(written.trim().split('\n')).to.include.members(['self', 'task']);
  });
});
