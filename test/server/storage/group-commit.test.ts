import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { createSqliteStore, type Store } from '@halway/server';

const CONCURRENT = 40;

describe('group commit on SQLite', () => {
  let directory: string;
  let file: string;
  let store: Store;
  let committed: Database.Database;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'halway-group-commit-'));
    file = join(directory, 'shop.db');
    store = createSqliteStore({ file });
    // Another connection: it sees what is committed, and nothing else.
    committed = new Database(file, { readonly: true });
  });

  afterEach(async () => {
    committed.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const committedCount = () =>
    (
      committed
        .prepare("SELECT count(*) AS n FROM halway_documents WHERE kind = 'order'")
        .get() as { n: number }
    ).n;

  it('should share one transaction among concurrent ones, answering each only once it is committed', async () => {
    const seenUncommitted: boolean[] = [];
    const writes = Array.from({ length: CONCURRENT }, (_, index) =>
      store
        .transaction(async (db) => {
          const { total } = await db.find('order', { limit: 0 });
          // More orders in this transaction than committed: earlier ones of the batch.
          seenUncommitted.push(total > committedCount());
          await db.insert('order', { index }, { id: `order-${index}` });
          return index;
        })
        .then((result) => {
          const row = committed
            .prepare("SELECT id FROM halway_documents WHERE kind = 'order' AND id = ?")
            .get(`order-${result}`);
          expect(row, `order-${result} answered before it was committed`).to.not.equal(undefined);
          return result;
        }),
    );
    expect(await Promise.all(writes)).to.deep.equal([...Array(CONCURRENT).keys()]);
    expect(committedCount()).to.equal(CONCURRENT);
    expect(seenUncommitted.filter(Boolean).length).to.be.greaterThan(0);
  });

  it('should roll back a failing transaction alone, keeping the others of its batch', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, index) =>
        store.transaction(async (db) => {
          await db.insert('order', { index }, { id: `order-${index}` });
          if (index % 3 === 0) throw new Error(`order ${index} refused`);
          return index;
        }),
      ),
    );
    for (const [index, outcome] of outcomes.entries()) {
      if (index % 3 === 0) {
        expect(outcome.status).to.equal('rejected');
        expect((outcome as PromiseRejectedResult).reason.message).to.equal(
          `order ${index} refused`,
        );
      } else {
        expect(outcome).to.deep.equal({ status: 'fulfilled', value: index });
      }
    }
    const ids = (
      committed.prepare("SELECT id FROM halway_documents WHERE kind = 'order'").all() as {
        id: string;
      }[]
    ).map((row) => row.id);
    const kept = [...Array(CONCURRENT).keys()].filter((index) => index % 3 !== 0);
    expect(ids.sort()).to.deep.equal(kept.map((index) => `order-${index}`).sort());
  });

  it('should keep a unique key unique within a batch: one insert wins, the other fails alone', async () => {
    const outcomes = await Promise.allSettled(
      ['first', 'second', 'third'].map((name) =>
        store.transaction(async (db) => {
          await db.insert('order', { name }, { key: name === 'third' ? 'other' : 'same' });
          return name;
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(committedCount()).to.equal(2);
  });
});
