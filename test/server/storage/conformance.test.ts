import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { documentVersion, type FindQuery, type Store } from '@halway/server';
import { providePostgres } from '../../support/provision.js';
import { ENGINES } from './support/engines.js';

const run = promisify(execFile);

for (const engine of ENGINES) {
  describe(`Store on ${engine.name}`, function () {
    this.timeout(60_000);
    let store: Store;
    let where: string;

    if (engine.name === 'postgres') before(providePostgres);
    beforeEach(async () => {
      ({ store, where } = await engine.open());
    });
    afterEach(() => store.close());
    after(() => engine.after());

    it('should insert documents with new, unique ids and read them back', async () => {
      const [a, b] = await store.transaction(async (db) => [
        await db.insert('order', { drink: 'latte' }),
        await db.insert('order', { drink: 'mocha' }),
      ]);
      expect(a.id).to.match(/^[0-9a-f-]{36}$/);
      expect(a.id).to.not.equal(b.id);
      const read = await store.read((db) => db.get<{ drink: string }>('order', a.id));
      expect(read).to.deep.equal({ drink: 'latte', id: a.id });
      expect(await store.read((db) => db.get('order', 'missing'))).to.equal(undefined);
      expect(await store.read((db) => db.get('receipt', a.id))).to.equal(undefined);
    });

    it('should find by field, newest first, with limit, offset and total', async () => {
      await store.transaction(async (db) => {
        for (let index = 0; index < 7; index++)
          await db.insert('order', {
            n: index,
            status: index % 2 === 0 ? 'paid' : 'open',
            big: index > 4,
          });
      });
      const paid = await store.read((db) =>
        db.find<{ n: number }>('order', {
          where: { status: 'paid' },
          newestFirst: true,
          limit: 2,
          offset: 1,
        }),
      );
      expect(paid.total).to.equal(4);
      expect(paid.items.map((item) => item.n)).to.deep.equal([4, 2]);
      const big = await store.read((db) =>
        db.find<{ n: number }>('order', { where: { big: true, n: 6 } }),
      );
      expect(big.items.map((item) => item.n)).to.deep.equal([6]);
    });

    it('should find a document by the value a later transaction gave its field, not the old one', async () => {
      const { id } = await store.transaction((db) => db.insert('order', { status: 'open' }));
      const find = (status: string) =>
        store.read(async (db) => (await db.find('order', { where: { status } })).total);
      expect(await find('open')).to.equal(1);
      await store.transaction(async (db) => {
        (await db.get<{ status: string }>('order', id))!.status = 'paid';
      });
      expect(await find('open')).to.equal(0);
      expect(await find('paid')).to.equal(1);
      const inside = await store.transaction(async (db) => {
        (await db.get<{ status: string }>('order', id))!.status = 'ready';
        return (await db.find('order', { where: { status: 'ready' } })).total;
      });
      expect(inside).to.equal(1);
      expect(await find('paid')).to.equal(0);
    });

    it('should find by one or two fields in creation order, an update keeping its document in place', async () => {
      const ids = await store.transaction(async (db) => {
        const inserted: string[] = [];
        for (let n = 0; n < 8; n++) {
          const status = n % 3 === 0 ? 'paid' : 'open';
          inserted.push((await db.insert('order', { n, status, shop: n % 2 ? 'a' : 'b' })).id);
        }
        return inserted;
      });
      const find = (query: FindQuery) =>
        store.read(async (db) => {
          const { items, total } = await db.find<{ n: number }>('order', query);
          return { ns: items.map((item) => item.n), total };
        });
      expect(await find({ where: { status: 'paid' } })).to.deep.equal({ ns: [0, 3, 6], total: 3 });
      expect(await find({ where: { status: 'open', shop: 'a' } })).to.deep.equal({
        ns: [1, 5, 7],
        total: 3,
      });
      await store.transaction(async (db) => {
        (await db.get<{ status: string }>('order', ids[1]!))!.status = 'paid';
        (await db.get<{ status: string }>('order', ids[7]!))!.status = 'ready';
        await db.remove('order', ids[3]!);
      });
      expect(await find({ where: { status: 'paid' } })).to.deep.equal({ ns: [0, 1, 6], total: 3 });
      expect(await find({ where: { status: 'open', shop: 'a' } })).to.deep.equal({
        ns: [5],
        total: 1,
      });
      expect(await find({ where: { status: 'paid' }, newestFirst: true })).to.deep.equal({
        ns: [6, 1, 0],
        total: 3,
      });
      expect(await find({ where: { status: 'paid' }, offset: 1, limit: 1 })).to.deep.equal({
        ns: [1],
        total: 3,
      });
      expect(await find({ where: { status: 'paid', shop: 'a' } })).to.deep.equal({
        ns: [1],
        total: 1,
      });
      expect(await find({ where: { status: 'paid', shop: 'c' } })).to.deep.equal({
        ns: [],
        total: 0,
      });
    });

    it('should find what its transaction wrote and not what it removed, until a rollback to the savepoint', async () => {
      const row = (id: string, status: string) => ({
        kind: 'order',
        id,
        key: null,
        version: 1,
        data: JSON.stringify({ id, status }),
      });
      await store.transaction(async (db) => {
        for (const [id, status] of [
          ['o1', 'open'],
          ['o2', 'paid'],
          ['o3', 'open'],
          ['o4', 'open'],
        ] as const)
          await db.insert('order', { status }, { id });
      });
      const { internals } = store;
      type Reader = Parameters<Parameters<typeof internals.read>[0]>[0];
      const ids = async (reader: Reader, status: string, query: FindQuery = {}) => {
        const { rows, total } = await reader.find('order', { ...query, where: { status } });
        return { ids: rows.map((found) => found.id), total };
      };
      const inside = await internals.write(async (tx) => {
        await tx.update(row('o1', 'paid'));
        await tx.remove('order', 'o2');
        await tx.insert(row('o5', 'paid'));
        const before = [await ids(tx, 'paid'), await ids(tx, 'open')];
        await tx.savepoint();
        await tx.update(row('o3', 'paid'));
        await tx.remove('order', 'o1');
        await tx.insert(row('o6', 'paid'));
        const saved = [
          await ids(tx, 'paid'),
          await ids(tx, 'paid', { newestFirst: true, limit: 2 }),
          await ids(tx, 'open'),
        ];
        await tx.rollbackToSavepoint();
        return { before, saved, after: [await ids(tx, 'paid'), await ids(tx, 'open')] };
      }, 10_000);
      expect(inside.before).to.deep.equal([
        { ids: ['o1', 'o5'], total: 2 },
        { ids: ['o3', 'o4'], total: 2 },
      ]);
      expect(inside.saved).to.deep.equal([
        { ids: ['o3', 'o5', 'o6'], total: 3 },
        { ids: ['o6', 'o5'], total: 3 },
        { ids: ['o4'], total: 1 },
      ]);
      expect(inside.after).to.deep.equal(inside.before);
      const committed = await internals.read(async (reader) => [
        await ids(reader, 'paid'),
        await ids(reader, 'open'),
      ]);
      expect(committed).to.deep.equal(inside.before);
    });

    it('should save changes made to a loaded document, with a new version', async () => {
      const { id } = await store.transaction((db) => db.insert('order', { status: 'open' }));
      const before = await store.read((db) => db.get('order', id));
      expect(documentVersion(before)).to.equal(1);
      await store.transaction(async (db) => {
        const order = await db.get<{ status: string }>('order', id);
        order!.status = 'paid';
      });
      await store.transaction(async (db) => {
        await db.get('order', id); // read, not changed: no new version
      });
      const after = await store.read((db) => db.get<{ status: string }>('order', id));
      expect(after!.status).to.equal('paid');
      expect(documentVersion(after)).to.equal(2);
    });

    it('should write nothing of a transaction that throws', async () => {
      const { id } = await store.transaction((db) => db.insert('order', { status: 'open' }));
      const failure = await store
        .transaction(async (db) => {
          (await db.get<{ status: string }>('order', id))!.status = 'cancelled';
          await db.insert('receipt', { amount: 3 });
          db.send({
            description: 'refund',
            target: 'http://127.0.0.1:9/receipts/1',
            form: 'refund',
          });
          throw new Error('handler failed');
        })
        .catch((error: Error) => error);
      expect(failure).to.be.instanceOf(Error);
      expect((await store.read((db) => db.get<{ status: string }>('order', id)))!.status).to.equal(
        'open',
      );
      expect((await store.read((db) => db.find('receipt'))).total).to.equal(0);
      expect((await store.internals.outbox.stats()).pending).to.equal(0);
    });

    it('should keep a key unique within a kind', async () => {
      await store.transaction((db) => db.insert('payment', { n: 1 }, { key: 'order-1' }));
      const again = await store
        .transaction((db) => db.insert('payment', { n: 2 }, { key: 'order-1' }))
        .catch((error: Error) => error);
      expect(again).to.be.instanceOf(Error);
      await store.transaction((db) => db.insert('ticket', { n: 3 }, { key: 'order-1' }));
      const found = await store.read((db) => db.getByKey<{ n: number }>('payment', 'order-1'));
      expect(found!.n).to.equal(1);
    });

    it('should let exactly one of many concurrent transactions pass a guard, and lose no increment', async () => {
      await store.transaction(async (db) => {
        await db.insert('prize', { taken: false }, { id: 'one' });
        await db.insert('counter', { value: 0 }, { id: 'shared' });
      });
      const results = await Promise.all(
        Array.from({ length: 40 }, () =>
          store.transaction(async (db) => {
            const counter = await db.get<{ value: number }>('counter', 'shared');
            counter!.value++;
            const prize = await db.get<{ taken: boolean }>('prize', 'one');
            if (prize!.taken) return false;
            await new Promise((resolve) => setTimeout(resolve, 1)); // the window a race needs
            prize!.taken = true;
            return true;
          }),
        ),
      );
      expect(results.filter(Boolean)).to.have.length(1);
      const counter = await store.read((db) => db.get<{ value: number }>('counter', 'shared'));
      expect(counter!.value).to.equal(40);
    });

    it('should queue messages with the transaction and lease each one to one taker at a time', async () => {
      await store.transaction(async (db) => {
        db.send({
          description: 'a',
          target: 'http://127.0.0.1:9/orders/1',
          form: 'mark-paid',
          values: { r: 1 },
        });
        db.send({ description: 'b', target: 'http://127.0.0.1:9/orders/1', form: 'mark-ready' });
        db.send({ description: 'c', target: 'http://127.0.0.1:8/tickets', form: 'add-ticket' });
      });
      const { outbox } = store.internals;
      const now = Date.now() + 1;
      // b waits behind a: messages about one target arrive in order.
      const due = await outbox.due(now, 10, []);
      expect(due.map((message) => message.origin)).to.deep.equal([
        'http://127.0.0.1:9',
        'http://127.0.0.1:8',
      ]);
      const elsewhere = await outbox.due(now, 10, ['http://127.0.0.1:9']);
      expect(elsewhere.map((message) => message.origin)).to.deep.equal(['http://127.0.0.1:8']);
      const ids = due.map((message) => message.id);
      const [first, second] = await Promise.all([
        outbox.lease(ids, now, now + 10_000),
        outbox.lease(ids, now, now + 10_000),
      ]);
      expect(first.length + second.length).to.equal(2);
      const a = [...first, ...second].find((message) => message.description === 'a')!;
      expect(JSON.parse(a.values)).to.deep.equal({ r: 1 });
      expect(a.attempts).to.equal(1);
      await outbox.delivered(a.id);
      const next = await outbox.due(now, 10, []);
      expect(next.map((message) => message.id)).to.have.length(1); // b; c is still leased
      await outbox.fail(next[0]!.id, 'refused');
      expect(await outbox.stats()).to.include({ pending: 1, failed: 1 });
      expect(await outbox.retry(next[0]!.id, now)).to.equal(true);
      expect((await outbox.stats()).failed).to.equal(0);
    });

    if (engine.shared) {
      it('should serialize transactions of several processes sharing the database', async function () {
        await store.transaction(async (db) => {
          await db.insert('prize', { taken: false }, { id: 'one' });
          await db.insert('counter', { value: 0 }, { id: 'shared' });
        });
        const child = () =>
          run(
            process.execPath,
            [
              '--conditions=halway-source',
              '--import',
              'tsx',
              'test/server/storage/support/increment-child.ts',
              where,
              '15',
            ],
            { timeout: 50_000 },
          );
        const outputs = await Promise.all([child(), child(), child()]);
        const taken = outputs.map(({ stdout }) => (JSON.parse(stdout) as { taken: number }).taken);
        expect(taken.reduce((sum, count) => sum + count, 0)).to.equal(1);
        const counter = await store.read((db) => db.get<{ value: number }>('counter', 'shared'));
        expect(counter!.value).to.equal(45);
      });
    }
  });
}
