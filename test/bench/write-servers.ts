// The servers the write benchmark compares, each in its own process (argv[2]: which one,
// argv[3]: port, argv[4]: where its database is; argv[5]: a peer URL to tell of each order).
// All validate the same input with ajv and write one JSON document in a transaction:
// - halway-memory / halway-sqlite / halway-postgres: a Halway `place` action on that engine;
// - express-sqlite: a hand-written Express handler, precompiled ajv, better-sqlite3 transaction.
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import express from 'express';
import {
  createMemoryStore,
  createPostgresStore,
  createService,
  createSqliteStore,
  defineHome,
  serve,
} from '@halway/server';

// The same ajv Halway validates with (the root's ajv is eslint's older major).
const { Ajv } = createRequire(import.meta.resolve('@halway/server'))('ajv') as {
  Ajv: new (options: object) => {
    compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
  };
};

const [which = '', port = '0', where = '', notify = ''] = process.argv.slice(2);

const placeOrder = {
  type: 'object',
  properties: {
    drink: { type: 'string', enum: ['espresso', 'latte', 'cappuccino'] },
    quantity: { type: 'integer', minimum: 1, maximum: 10 },
    name: { type: 'string', minLength: 1, maxLength: 40 },
  },
  required: ['drink', 'quantity', 'name'],
  additionalProperties: false,
} as const;

function halwayStore() {
  if (which === 'halway-sqlite') return createSqliteStore({ file: where });
  if (which === 'halway-postgres') return createPostgresStore({ connectionString: where });
  return createMemoryStore();
}

function halwayApp() {
  const home = defineHome().action('place', {
    method: 'POST',
    input: placeOrder,
    handle: async ({ db, input }) => {
      const order = await db.insert('order', { ...input, status: 'payment-expected' });
      // One stream per order, as messages about different orders need no order between them.
      if (notify !== '')
        db.send({
          description: 'new order',
          target: notify,
          form: 'record',
          values: input,
          stream: order.id,
        });
    },
  });
  return createService({
    resources: [home],
    store: halwayStore(),
    logger: false,
    outbox: { concurrency: 16 },
  });
}

function expressApp(): express.Express {
  const db = new Database(where);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO orders (id, data) VALUES (?, ?)');
  const place = db.transaction((data: string) => insert.run(randomUUID(), data));
  const validate = new Ajv({ allErrors: true }).compile(placeOrder);
  const app = express();
  app.use(express.json());
  app.post('/', (request, response) => {
    if (!validate(request.body)) return response.status(422).json({ errors: validate.errors });
    place(JSON.stringify({ ...(request.body as object), status: 'payment-expected' }));
    response.status(204).end();
  });
  return app;
}

const quiet = { info() {}, warn() {}, error() {} };
let server: Server;
if (which === 'express-sqlite') {
  const app = expressApp();
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(Number(port), '127.0.0.1', () => resolve(listening));
  });
} else {
  const app = halwayApp();
  server = (
    await serve(app, { port: Number(port), host: '127.0.0.1', logger: quiet, signals: false })
  ).server;
  process.on('message', (message) => {
    if (message !== 'pending') return;
    void app.outbox.stats().then((stats) => process.send?.({ pending: stats.pending }));
  });
}
void server;
// A profiler (--cpu-prof) writes its profile on a normal exit.
process.on('message', (message) => {
  if (message === 'exit') process.exit(0);
});
process.send?.('ready');
