// A service in its own process, on a store other processes share, for races and crashes:
// `/prizes/:id` can be claimed once (a guard), and each claim writes a `claim` document and
// tells a peer (through the outbox) that it was claimed. It listens on a loopback port and sends
// the port to its parent over IPC. A request can ask it to die at a chosen point, for the parent
// to SIGKILL it there: `X-Test-Crash: handler` waits inside the handler, with the transaction
// open and the prize locked; `X-Test-Crash: reply` waits after the commit, before the reply.
import { ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createService, defineHome, defineResource } from '@halway/server';
import { openShared } from '../storage/support/engines.js';

interface Prize {
  claimedBy?: string;
}

const [where, notify = ''] = process.argv.slice(2) as [string, string?];
const tell = (message: object) => process.send?.(message);

// Waiting after the commit means holding the reply back: it is written by `end`.
const end = ServerResponse.prototype.end;
ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
  if (this.req.headers['x-test-crash'] === 'reply' && this.req.method === 'POST') {
    tell({ waiting: 'reply' });
    return this;
  }
  return end.apply(this, args as Parameters<typeof end>);
} as typeof end;

const prize = defineResource('/prizes/:id', {
  load: ({ db, params }) => db.get<Prize>('prize', params.id),
  properties: (state: Prize) => ({ claimedBy: state.claimedBy ?? null }),
}).action('claim', {
  method: 'POST',
  path: '/claim',
  input: {
    type: 'object',
    properties: { who: { type: 'string', minLength: 1 } },
    required: ['who'],
    additionalProperties: false,
  },
  when: (state) => state.claimedBy === undefined,
  handle: async ({ db, state, input, params, request }) => {
    state.claimedBy = input.who;
    await db.insert('claim', { prize: params.id, who: input.who, pid: process.pid });
    if (notify !== '') {
      db.send({
        description: `claim of ${params.id} by ${input.who}`,
        target: notify,
        form: 'record',
        values: { prize: params.id, who: input.who },
      });
    }
    if (request.headers['x-test-crash'] === 'handler') {
      tell({ waiting: 'handler' });
      await new Promise(() => undefined);
    }
  },
});

const app = createService({
  resources: [defineHome({ links: { prize } }), prize],
  store: openShared(where),
  outbox: { attemptTimeout: 300, minDelay: 20, maxDelay: 200, interval: 50 },
  logger: false,
});
const server: Server = app.listen(0, '127.0.0.1', () => {
  tell({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => {
  server.close();
  void app.close();
});
