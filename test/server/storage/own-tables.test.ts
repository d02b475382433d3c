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
import { providePostgres } from '../../support/provision.js';

// The same table on both engines; only the placeholders differ.
const ENGINES = [
  {
    name: 'SQLite',
    insert: 'INSERT INTO ledger (entry, amount) VALUES (?, ?)',
    plan: "EXPLAIN QUERY PLAN SELECT id FROM halway_documents WHERE kind = ? AND data ->> '$.order' = ? ORDER BY seq",
    planParams: ['receipt', 'o-7'],
    open: (directory: string, _postgres?: TestPostgres, indexes?: string[]) =>
      createSqliteStore({
        file: join(directory, `ledger-${indexes ? 'indexed' : 'plain'}.db`),
        migrations: ['CREATE TABLE ledger (entry TEXT PRIMARY KEY, amount INTEGER NOT NULL)'],
        indexes,
      }),
  },
  {
    name: 'PostgreSQL',
    insert: 'INSERT INTO ledger (entry, amount) VALUES ($1, $2)',
    plan: "EXPLAIN SELECT id FROM halway_documents WHERE kind = $1 AND data -> 'order' = $2::jsonb ORDER BY seq",
    planParams: ['receipt', '"o-7"'],
    open: (_directory: string, postgres?: TestPostgres, indexes?: string[]) =>
      createPostgresStore({
        connectionString: (postgres as TestPostgres).createDatabase(
          `ledger_${indexes ? 'indexed' : 'plain'}`,
        ),
        migrations: ['CREATE TABLE ledger (entry TEXT PRIMARY KEY, amount INTEGER NOT NULL)'],
        indexes,
      }),
  },
];

for (const engine of ENGINES) {
  describe(`an application's own tables on ${engine.name}`, function () {
    this.timeout(60_000);
    let postgres: TestPostgres;
    let directory: string;
    let store: Store;

    if (engine.name === 'PostgreSQL') before(providePostgres);
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

    it('should index the fields given in `indexes`, and find by them through the index', async () => {
      const indexed = engine.open(directory, postgres, ['order', 'status']);
      try {
        await indexed.transaction(async (db) => {
          for (let index = 0; index < 50; index++)
            await db.insert('receipt', {
              order: `o-${index % 10}`,
              status: index % 2 ? 'paid' : 'refunded',
            });
        });
        const found = await indexed.read((db) =>
          db.find<{ order: string; status: string }>('receipt', {
            where: { order: 'o-7', status: 'paid' },
          }),
        );
        expect(found.total).to.equal(5);
        expect(
          found.items.every((item) => item.order === 'o-7' && item.status === 'paid'),
        ).to.equal(true);
        const plan = await indexed.transaction(async (db) => {
          // With a handful of rows PostgreSQL prefers to scan: ask it what it would do otherwise.
          if (engine.name === 'PostgreSQL') await db.query('SET LOCAL enable_seqscan = off');
          return db.query(engine.plan, engine.planParams);
        });
        expect(JSON.stringify(plan)).to.include('halway_field_order');
      } finally {
        await indexed.close();
      }
    });
  });
}
