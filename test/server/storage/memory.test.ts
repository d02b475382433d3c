// The memory store finds by `where` through indexes it builds and keeps up to date: what it
// returns must be what filtering every document returns, in the order of their first insert.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import fc from 'fast-check';
import { createMemoryStore, type FindQuery, type Store } from '@halway/server';

type Data = Record<string, unknown>;
type Engine = Store['internals'];
type Reader = Parameters<Parameters<Engine['read']>[0]>[0];

const row = (id: string, data: Data) => ({
  kind: 'order',
  id,
  key: null,
  version: 1,
  data: JSON.stringify({ ...data, id }),
});

async function found(reader: Reader, query: FindQuery) {
  const { rows, total } = await reader.find('order', query);
  return { ids: rows.map((found) => found.id), total };
}

/** A full garbage collection (Node offers `gc` behind a flag, which may be set while it runs). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * The documents as the engine must show them, kept the plainest way: a Map keeps the place of a
 * key set again, and a transaction's writes sit over the committed ones until it commits.
 */
class Model {
  committed = new Map<string, Data>();
  written = new Map<string, Data | null>();
  saved: Map<string, Data | null> | undefined;

  visible(): [string, Data][] {
    const rows: [string, Data][] = [];
    for (const [id, data] of this.committed) {
      const current = this.written.has(id) ? this.written.get(id) : data;
      if (current) rows.push([id, current]);
    }
    for (const [id, data] of this.written)
      if (data && !this.committed.has(id)) rows.push([id, data]);
    return rows;
  }

  find(query: FindQuery) {
    const where = Object.entries(query.where ?? {});
    const matching = this.visible()
      .filter(([, data]) => where.every(([field, value]) => data[field] === value))
      .map(([id]) => id);
    if (query.newestFirst) matching.reverse();
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : offset + query.limit;
    return { ids: matching.slice(offset, end), total: matching.length };
  }

  commit(): void {
    for (const [id, data] of this.written)
      if (data) this.committed.set(id, data);
      else this.committed.delete(id);
    this.end();
  }

  end(): void {
    this.written = new Map();
    this.saved = undefined;
  }
}

type Step =
  | { op: 'write'; id: string; data: Data }
  | { op: 'remove'; id: string }
  | { op: 'savepoint' | 'rollback' }
  | { op: 'find'; query: FindQuery };

const value = fc.constantFrom<unknown>('paid', 'open', 1, true, null, { paid: true }, [1]);
const data = fc.record({ status: value, shop: fc.constantFrom('a', 'b') }, { requiredKeys: [] });
const query: fc.Arbitrary<FindQuery> = fc.record(
  {
    where: fc.record(
      { status: fc.constantFrom('paid', 'open', 1, true), shop: fc.constantFrom('a', 'b') },
      { requiredKeys: [] },
    ),
    newestFirst: fc.boolean(),
    offset: fc.nat(3),
    limit: fc.nat(4),
  },
  { requiredKeys: ['where'] },
);
const id = fc.constantFrom('d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('write' as const), id, data }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), id }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('savepoint' as const, 'rollback') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('find' as const), query }) },
);
interface Played {
  steps: Step[];
  /** Whether it commits, or throws at its end. */
  commits: boolean;
  /** What to find once it is over. */
  then: FindQuery[];
}
const transaction: fc.Arbitrary<Played> = fc.record({
  steps: fc.array(step, { maxLength: 12 }),
  commits: fc.boolean(),
  then: fc.array(query, { maxLength: 3 }),
});

/** Runs one transaction on the engine and the model, checking each find inside and after it. */
async function play(engine: Engine, model: Model, { steps, commits, then }: Played): Promise<void> {
  await engine
    .write(async (tx) => {
      for (const step of steps) {
        if (step.op === 'write') {
          const visible = model.visible().some(([id]) => id === step.id);
          await (visible ? tx.update(row(step.id, step.data)) : tx.insert(row(step.id, step.data)));
          model.written.set(step.id, { ...step.data, id: step.id });
        } else if (step.op === 'remove') {
          await tx.remove('order', step.id);
          model.written.set(step.id, null);
        } else if (step.op === 'savepoint') {
          await tx.savepoint();
          model.saved = new Map(model.written);
        } else if (step.op === 'rollback' && model.saved) {
          await tx.rollbackToSavepoint();
          model.written = new Map(model.saved);
        } else if (step.op === 'find') {
          expect(await found(tx, step.query), 'in the transaction').to.deep.equal(
            model.find(step.query),
          );
        }
      }
      if (!commits) throw new Error('rolled back');
    }, 10_000)
    .catch((error: Error) => {
      if (error.message !== 'rolled back') throw error;
    });
  if (commits) model.commit();
  else model.end();
  for (const query of then)
    expect(await engine.read((reader) => found(reader, query)), 'committed').to.deep.equal(
      model.find(query),
    );
}

describe('find on the memory store', () => {
  let store: Store;

  beforeEach(() => {
    store = createMemoryStore();
  });

  it('should find by a field first filtered on once thousands of documents exist', async () => {
    const ns = Array.from({ length: 3000 }, (_, n) => n);
    await store.transaction(async (db) => {
      for (const n of ns) await db.insert('receipt', { n, order: `o-${n % 300}`, big: n > 1500 });
    });
    const find = (query: FindQuery) =>
      store.read(async (db) => {
        const { items, total } = await db.find<{ n: number }>('receipt', query);
        return { ns: items.map((item) => item.n), total };
      });
    const ofOrder = ns.filter((n) => n % 300 === 17);
    expect(await find({ where: { order: 'o-17' } })).to.deep.equal({ ns: ofOrder, total: 10 });
    expect(
      await find({ where: { order: 'o-17', big: true }, newestFirst: true, offset: 1, limit: 2 }),
    ).to.deep.equal({ ns: [2417, 2117], total: 5 });
    expect(await find({ where: { order: 'o-300' } })).to.deep.equal({ ns: [], total: 0 });
  });

  it('should find by a field filtered on before most documents were written, through the writes of later transactions', async () => {
    await store.transaction((db) => db.insert('receipt', { n: 0, order: 'o-1' }, { id: 'r0' }));
    const find = (order: string) =>
      store.read(async (db) =>
        (await db.find<{ n: number }>('receipt', { where: { order } })).items.map((item) => item.n),
      );
    expect(await find('o-1')).to.deep.equal([0]);
    await store.transaction(async (db) => {
      for (let n = 1; n < 10; n++)
        await db.insert('receipt', { n, order: n % 2 ? 'o-1' : 'o-2' }, { id: `r${n}` });
    });
    await store.transaction(async (db) => {
      (await db.get<{ order: string }>('receipt', 'r2'))!.order = 'o-1';
      (await db.get<{ order: string }>('receipt', 'r5'))!.order = 'o-3';
      await db.remove('receipt', 'r3');
    });
    expect(await find('o-1')).to.deep.equal([0, 1, 2, 7, 9]);
    expect(await find('o-2')).to.deep.equal([4, 6, 8]);
    expect(await find('o-3')).to.deep.equal([5]);
    await store.transaction(async (db) => {
      await db.remove('receipt', 'r5');
      await db.insert('receipt', { n: 10, order: 'o-3' }, { id: 'r5' });
    });
    expect(await find('o-3')).to.deep.equal([10]);
  });

  it('should let the rows of removed documents be collected once an index has listed them', async () => {
    const engine = store.internals;
    const rows = Array.from({ length: 50 }, (_, n) => row(`d${n}`, { status: 'paid' }));
    const kept = rows.map((written) => new WeakRef(written));
    await engine.write(async (tx) => {
      for (const written of rows.splice(0)) await tx.insert(written);
    }, 10_000);
    expect(await engine.read((reader) => found(reader, { where: { status: 'paid' } })))
      .to.have.property('total')
      .that.equals(50);
    await engine.write(async (tx) => {
      for (let n = 0; n < 50; n++) await tx.remove('order', `d${n}`);
    }, 10_000);
    // A WeakRef holds its target until the job that made it ends.
    await new Promise(setImmediate);
    collectGarbage();
    expect(kept.filter((ref) => ref.deref() !== undefined)).to.have.length(0);
  });

  it('should find what filtering every document finds, over random transactions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transaction, { minLength: 1, maxLength: 8 }), async (run) => {
        const engine = createMemoryStore().internals;
        const model = new Model();
        for (const one of run) await play(engine, model, one);
      }),
      { seed: 20_251_114, numRuns: 200 },
    );
  });
});
