import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import {
  createMemoryStore,
  createService,
  defineHome,
  defineResource,
  serve,
  type RunningService,
  type Service,
} from '@halway/server';
import { startKeyServer, type KeyServer } from '../server/support/jwks.js';
import { withJwts, withStaticTokens } from './server/auth.js';
import { createOrders as createOrdersService, type Order } from './server/orders.js';
import { createOrders } from './server/peers.js';
import { createPaymentsWithRelations } from './server/relations.js';
import { createDrinks, type Drink } from './server/cache-by-version.js';
import { createPayments, type Payment } from './server/storage.js';

describe('@halway/server README', () => {
  describe('a resource and its actions, a collection and a home document', () => {
    let app: ReturnType<typeof createOrdersService>;
    const read = (id: string) => app.store.read((db) => db.get<Order>('order', id));

    beforeEach(async () => {
      app = createOrdersService();
      await app.store.transaction(async (db) => {
        for (const [id, status] of [
          ['17', 'payment-expected'],
          ['18', 'ready'],
          ['19', 'paid'],
        ] as const)
          await db.insert(
            'order',
            { status, drink: 'latte', size: 'small', quantity: 1, revision: 1 },
            { id },
          );
      });
    });
    afterEach(() => app.close());

    it('should offer update and cancel while payment is expected, prefilled, and refuse collect', async () => {
      const order = await request(app).get('/orders/17').expect(200);
      expect(order.body).to.include({ status: 'payment-expected', drink: 'latte' });
      expect(order.body._links.collection.href).to.match(/\/orders$/);
      expect(order).to.have.halTemplate('update', {
        method: 'PATCH',
        properties: { size: { value: 'small' }, quantity: { min: 1, max: 10, value: '1' } },
      });
      expect(order).to.have.halTemplate('cancel', { method: 'DELETE' });
      expect(order).not.to.have.halTemplate('collect');
      await request(app).patch('/orders/17').send({ quantity: 2 }).expect(204);
      expect((await read('17'))?.quantity).to.equal(2);
      await request(app).post('/orders/17/collection').expect(409);
      await request(app).post('/orders/18/collection').expect(204);
      expect((await read('18'))?.status).to.equal('completed');
      await request(app).delete('/orders/19').query({ reason: 'changed my mind' }).expect(204);
      expect(await read('19')).to.include({ status: 'cancelled', cancelReason: 'changed my mind' });
    });

    it('should list and search the collection, and offer find-order with a templated target', async () => {
      const paid = await request(app)
        .get('/orders')
        .query({ status: 'payment-expected' })
        .expect(200);
      expect(paid).to.have.halEmbedded('orders', 1);
      expect(paid).to.have.halTemplate('search', { method: 'GET' });
      await request(app).get('/orders').query({ status: 'lost' }).expect(422);
      const home = await request(app).get('/').set('Host', 'shop.example').expect(200);
      expect(home.body._templates['find-order']).to.include({
        method: 'GET',
        target: 'http://shop.example/orders/{id}',
      });
    });
  });

  describe('peers', () => {
    let payments: RunningService;

    before(async () => {
      const payment = defineResource('/payments', {
        query: ['order'],
        load: ({ query }) => ({ order: String(query.order) }),
      });
      payments = await serve(
        createService({ resources: [defineHome({ links: { 'payment-for': payment } }), payment] }),
        { port: 0, host: '127.0.0.1' },
      );
    });
    after(() => payments.close());

    it('should link an order to payments through the relation payments publishes', async () => {
      const service = createOrders(`${payments.url}/`);
      const order = await request(service).get('/orders/17').expect(200);
      expect(order).to.have.halLink('payment', {
        href: `${payments.url}/payments?order=${encodeURIComponent('http://localhost:4001/orders/17')}`,
      });
      await service.close();
    });
  });

  describe('who may do what', () => {
    let keyServer: KeyServer;
    let sign: (claims: Record<string, unknown>) => Promise<string>;

    before(async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      keyServer = await startKeyServer([
        { ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256' },
      ]);
      process.env.PAYMENTS_TOKEN = 'payments-secret';
      process.env.JWKS_URL = keyServer.url;
      sign = (claims) =>
        new SignJWT({ iss: 'https://login.example/', aud: 'https://orders.example/', ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: 'k' })
          .setExpirationTime('1 minute')
          .sign(privateKey);
    });
    /** A store holding order 17, waiting for payment. */
    async function storeWithOrder() {
      const store = createMemoryStore();
      await store.transaction((db) =>
        db.insert('order', { status: 'payment-expected' }, { id: '17' }),
      );
      return store;
    }
    const statusOf = (service: Service) =>
      service.store.read((db) => db.get<{ status: string }>('order', '17')).then((o) => o?.status);

    after(async () => {
      delete process.env.PAYMENTS_TOKEN;
      delete process.env.JWKS_URL;
      await keyServer.close();
    });

    it('should let only the payments service mark an order paid, with its static token', async () => {
      const service = withStaticTokens(await storeWithOrder());
      await request(service).post('/orders/17/paid').expect(401);
      await request(service)
        .post('/orders/17/paid')
        .set('Authorization', 'Bearer guess')
        .expect(401);
      await request(service)
        .post('/orders/17/paid')
        .set('Authorization', 'Bearer payments-secret')
        .expect(204);
      expect(await statusOf(service)).to.equal('paid');
      await service.close();
    });

    it('should take a JWT with the service role, refuse one without it, and still take the static token', async () => {
      const service = withJwts(await storeWithOrder());
      const as = (token: string) =>
        request(service).post('/orders/17/paid').set('Authorization', `Bearer ${token}`);
      await as(await sign({ sub: 'ada', scope: 'orders:read' })).expect(403);
      await as(
        await sign({ sub: 'billing', roles: ['service'], aud: 'https://else.example/' }),
      ).expect(401);
      await as(await sign({ sub: 'billing', roles: ['service'] })).expect(204);
      expect(await statusOf(service)).to.equal('paid');
      await service.close();
      const again = withJwts(await storeWithOrder());
      await request(again)
        .post('/orders/17/paid')
        .set('Authorization', 'Bearer payments-secret')
        .expect(204);
      await again.close();
    });
  });

  describe('transactions, storage and the outbox', () => {
    const quiet = { info() {}, warn() {}, error() {} };
    let directory: string;
    let orders: RunningService;
    let payments: Service;
    const told: Record<string, unknown>[] = [];

    beforeEach(async () => {
      directory = mkdtempSync(join(tmpdir(), 'halway-readme-storage-'));
      const order = defineResource('/orders/:id', {
        load: ({ params }) => (params.id === '1' ? { total: 4 } : undefined),
        properties: (state: { total: number }) => ({ total: state.total }),
      }).action('mark-paid', {
        method: 'POST',
        path: '/paid',
        input: {
          type: 'object',
          properties: { payment: { type: 'string' }, receipt: { type: 'string' } },
        },
        handle: ({ input }) => {
          told.push(input);
        },
      });
      const app = createService({
        resources: [defineHome({ links: { order } }), order],
        logger: false,
      });
      orders = await serve(app, { port: 0, host: '127.0.0.1', logger: quiet, signals: false });
      payments = createPayments(join(directory, 'payments.db'), `${orders.url}/`);
      told.length = 0;
    });
    afterEach(async () => {
      await payments.close();
      await orders.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it('should capture with the order read before the transaction, record the ledger and tell orders once it commits', async () => {
      const order = `${orders.url}/orders/1`;
      await payments.store.transaction(async (db) => {
        await db.insert<Payment>(
          'payment',
          { order, amount: 4, status: 'authorized' },
          { id: 'p1' },
        );
        await db.insert<Payment>(
          'payment',
          { order, amount: 5, status: 'authorized' },
          { id: 'p2' },
        );
      });
      await request(payments).post('/payments/p1').expect(204);
      expect(await request(payments).post('/payments/p2').expect(409)).to.be.problem({
        status: 409,
      });

      const { ledger, p2 } = await payments.store.read(async (db) => ({
        ledger: (await db.find<{ payment: string }>('ledger')).items.map((entry) => entry.payment),
        p2: (await db.get<Payment>('payment', 'p2'))?.status,
      }));
      expect({ ledger, p2 }).to.deep.equal({ ledger: ['p1'], p2: 'authorized' });
      expect(await payments.outbox.drain(5000)).to.equal(0);
      expect(told).to.deep.equal([{ payment: 'p1' }]);
    });

    it('should keep a receipt and deliver its message through the outbox, shown to operators only', async () => {
      await request(payments)
        .post('/')
        .send({ order: `${orders.url}/orders/1`, amount: 4 })
        .expect(204);
      expect(await payments.outbox.drain(5000)).to.equal(0);
      expect(told).to.have.length(1);
      expect(told[0]).to.have.property('receipt');
      await request(payments).get('/outbox').expect(401);
    });
  });

  describe('relations', () => {
    it('should name its own relations as CURIEs and serve their documentation', async () => {
      const app = createPaymentsWithRelations();
      const home = await request(app).get('/').set('Host', 'pay.example').expect(200);
      expect(home.body._links).to.have.property('cs:receipt');
      expect(home.body._links.curies).to.deep.include({
        name: 'cs',
        href: 'http://pay.example/rels/{rel}',
        templated: true,
      });
      const page = await request(app).get('/rels/receipt').set('Accept', 'text/html').expect(200);
      expect(page.text).to.include('The receipt of a paid order');
      await app.close();
    });
  });
  describe('rendered once per version', () => {
    let directory: string;
    let app: ReturnType<typeof createDrinks>;

    beforeEach(async () => {
      directory = mkdtempSync(join(tmpdir(), 'halway-readme-drinks-'));
      app = createDrinks(join(directory, 'drinks.db'));
      await app.store.transaction((db) =>
        db.insert<Drink>('drink', { name: 'latte', price: 3.5 }, { id: 'latte' }),
      );
    });
    afterEach(async () => {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it('should serve the same bytes for a version, and the new state once repriced', async () => {
      const host = 'drinks.example';
      const first = await request(app).get('/drinks/latte').set('Host', host).expect(200);
      const again = await request(app).get('/drinks/latte').set('Host', host).expect(200);
      expect(again.text).to.equal(first.text);
      expect(again.headers.etag).to.equal(first.headers.etag);
      expect(first).to.have.halTemplate('reprice', { properties: { price: { value: '3.5' } } });
      await request(app).patch('/drinks/latte').send({ price: 4 }).expect(204);
      const repriced = await request(app).get('/drinks/latte').set('Host', host).expect(200);
      expect(repriced.body.price).to.equal(4);
      expect(repriced.headers.etag).to.not.equal(first.headers.etag);
    });
  });
});
