import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import {
  createPostgresStore,
  createService,
  createSqliteStore,
  defineHome,
  HttpProblem,
  type Store,
} from '@halway/server';
import { startPostgres, type TestPostgres } from '../../support/postgres.js';

// The same table on both engines; only the placeholders differ.
const ENGINES = [
  {
    name: 'SQLite',
    insert: 'INSERT INTO ledger (entry, amount) VALUES (?, ?)',
    open: (directory: string) =>
      createSqliteStore({
        file: join(directory, 'ledger.db'),
        migrations: ['CREATE TABLE ledger (entry TEXT PRIMARY KEY, amount INTEGER NOT NULL)'],
      }),
  },
  {
    name: 'PostgreSQL',
    insert: 'INSERT INTO ledger (entry, amount) VALUES ($1, $2)',
    open: (_directory: string, postgres: TestPostgres) =>
      createPostgresStore({
        connectionString: postgres.createDatabase(`ledger_${Date.now()}`),
        migrations: ['CREATE TABLE ledger (entry TEXT PRIMARY KEY, amount INTEGER NOT NULL)'],
      }),
  },
];

for (const engine of ENGINES) {
  describe(`an application's own tables on ${engine.name}`, function () {
    this.timeout(60_000);
    let postgres: TestPostgres;
    let directory: string;
    let store: Store;

    before(async () => {
      directory = mkdtempSync(join(tmpdir(), 'halway-own-'));
      if (engine.name === 'PostgreSQL') postgres = await startPostgres();
    });
    after(() => {
      postgres?.stop();
      rmSync(directory, { recursive: true, force: true });
    });

    it('should write them in the action’s transaction: with its documents, or not at all', async () => {
      store = engine.open(directory, postgres);
      const home = defineHome().action('book', {
        method: 'POST',
        input: {
          type: 'object',
          required: ['entry', 'amount'],
          properties: { entry: { type: 'string' }, amount: { type: 'integer' } },
        },
        handle: async ({ db, input }) => {
          await db.insert('booking', { entry: input.entry });
          await db.query(engine.insert, [input.entry, input.amount]);
          if (input.amount < 0) throw new HttpProblem('CONFLICT', { detail: 'no debts' });
          if (input.amount === 0) throw new Error('the handler failed after writing');
        },
      });
      const app = createService({ resources: [home], store, logger: false });
      await request(app).post('/').send({ entry: 'a', amount: 5 }).expect(204);
      await request(app).post('/').send({ entry: 'b', amount: -1 }).expect(409);
      await request(app).post('/').send({ entry: 'c', amount: 0 }).expect(500);

      const rows = await store.transaction((db) =>
        db.query<{ entry: string; amount: number }>('SELECT entry, amount FROM ledger'),
      );
      expect(rows.map((row) => ({ ...row, amount: Number(row.amount) }))).to.deep.equal([
        { entry: 'a', amount: 5 },
      ]);
      const bookings = await store.read((db) => db.find<{ entry: string }>('booking'));
      expect(bookings.items.map((booking) => booking.entry)).to.deep.equal(['a']);
      await app.close();
    });
  });
}
