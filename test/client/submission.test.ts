import { expect } from 'chai';
import type { Request } from 'express';
import {
  ConflictError,
  HttpError,
  Problem,
  createClient,
  type HalwayClient,
  type State,
} from '@halway/client';
import { IdempotencyStore, sendReply, type Reply } from './support/idempotency.js';
import {
  etagOf,
  sendHal,
  sendProblem,
  startServices,
  type TestService,
} from './support/service.js';

interface Order {
  id: number;
  status: string;
  /** Whether the server refuses writes without If-Match (428). */
  requireIfMatch: boolean;
  /** Whether the self link says so (precondition-req). */
  hinted?: boolean;
}

describe('Form.submit() outcomes', () => {
  let orders: TestService;
  let payments: TestService;
  let catalog: TestService;
  let client: HalwayClient;
  let honourPrefer = true;
  const store = new IdempotencyStore();
  const database = new Map<number, Order>();

  const documentOf = (order: Order) => ({
    _links: {
      self: order.hinted
        ? { href: `/orders/${order.id}`, hints: { 'precondition-req': ['etag'] } }
        : { href: `/orders/${order.id}` },
    },
    id: order.id,
    status: order.status,
    _templates: {
      default: { method: 'PUT', properties: [{ name: 'status', required: true }] },
      validate: { method: 'POST', target: `/orders/${order.id}/validate`, properties: [] },
      crash: { method: 'POST', target: '/broken', properties: [] },
    },
  });

  // What the protocol's servers answer a write with: the new state when the client prefers it
  // (and the test lets the server honour it), else only where the resource is.
  const replyFor = (req: Request, order: Order, status: number): Reply => {
    const url = orders.url(`/orders/${order.id}`);
    if (honourPrefer && /return=representation/.test(req.get('prefer') ?? '')) {
      const document = documentOf(order);
      return {
        status,
        body: document,
        headers: {
          location: url,
          'content-location': url,
          'preference-applied': 'return=representation',
          etag: etagOf(document),
        },
      };
    }
    return { status: status === 200 ? 204 : status, headers: { location: url } };
  };

  before(async () => {
    [orders, payments, catalog] = await startServices();
    orders.app.get('/orders', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/orders' } },
        _templates: {
          create: { method: 'POST', properties: [{ name: 'status' }] },
          legacy: { method: 'POST', target: '/legacy', properties: [{ name: 'status' }] },
        },
      }),
    );
    orders.app.post(
      '/orders',
      store.handle((req) => {
        const order = { id: database.size + 1, status: req.body.status, requireIfMatch: false };
        database.set(order.id, order);
        return replyFor(req, order, 201);
      }),
    );
    orders.app.post('/legacy', (req, res) => {
      const order = { id: database.size + 1, status: req.body.status, requireIfMatch: false };
      database.set(order.id, order);
      res.status(303).set('location', `/orders/${order.id}`).end();
    });
    orders.app.get('/orders/:id', (req, res) => {
      const order = database.get(Number(req.params.id));
      if (!order) return sendProblem(res, 404, { title: 'No such order' });
      sendHal(req, res, documentOf(order));
    });
    orders.app.put('/orders/:id', (req, res) => {
      const order = database.get(Number(req.params.id))!;
      const ifMatch = req.get('if-match');
      const etag = etagOf(documentOf(order));
      if (order.requireIfMatch && !ifMatch) {
        return sendProblem(res, 428, { title: 'If-Match required' });
      }
      if (ifMatch && ifMatch !== etag) {
        return sendProblem(res, 412, { title: 'Changed', etag }, { etag });
      }
      order.status = req.body.status;
      sendReply(req, res, replyFor(req, order, 200));
    });
    orders.app.post('/orders/:id/validate', (_req, res) =>
      sendProblem(res, 422, {
        type: 'https://halway.dev/problems/invalid',
        title: 'Invalid values',
        detail: 'status is wrong',
        instance: '/orders/1/validate#1',
        errors: [{ pointer: '/status', field: 'status', constraint: 'options', detail: 'bad' }],
        allowed: ['paid'],
      }),
    );
    orders.app.post('/broken', (_req, res) => res.status(500).type('text/plain').send('boom'));
  });

  after(() => Promise.all([orders, payments, catalog].map((service) => service.close())));

  beforeEach(() => {
    client = createClient({ retry: false });
    honourPrefer = true;
    for (const service of [orders, payments, catalog]) service.log.length = 0;
  });

  it('should be one round trip when the server honours Prefer: return=representation', async () => {
    const collection = await client.go(orders.url('/orders')).get();
    orders.log.length = 0;
    const created = await collection.form('create').submit({ status: 'new' });
    expect(orders.log).to.have.length(1);
    expect(orders.log[0]?.headers.prefer).to.equal('return=representation');
    expect(created.source).to.equal('submission');
    expect(created.status).to.equal(201);
    expect(created.url).to.equal(orders.url(`/orders/${created.properties.id as number}`));
    expect(created.properties.status).to.equal('new');
    expect(created.etag).to.equal(etagOf(created.document));
  });

  it('should load the Location when the server answers with Location only', async () => {
    honourPrefer = false;
    const collection = await client.go(orders.url('/orders')).get();
    orders.log.length = 0;
    const created = await collection.form('create').submit({ status: 'minimal' });
    expect(orders.log.map((entry) => entry.method)).to.deep.equal(['POST', 'GET']);
    expect(created.properties.status).to.equal('minimal');
    expect(created.source).to.equal('network');
  });

  it('should not ask for the representation with preferRepresentation: false', async () => {
    const minimal = createClient({ retry: false, preferRepresentation: false });
    const collection = await minimal.go(orders.url('/orders')).get();
    orders.log.length = 0;
    const created = await collection.form('create').submit({ status: 'plain' });
    expect(orders.log.map((entry) => entry.method)).to.deep.equal(['POST', 'GET']);
    expect(orders.log[0]?.headers.prefer).to.equal(undefined);
    expect(created.properties.status).to.equal('plain');
  });

  it('should not load the Location of a submission sent with Prefer: return=minimal', async () => {
    const collection = await client.go(orders.url('/orders')).get();
    orders.log.length = 0;
    const created = await collection
      .form('create')
      .submit({ status: 'quiet' }, { headers: { prefer: 'return=minimal' } });
    expect(orders.log.map((entry) => entry.method)).to.deep.equal(['POST']);
    expect(orders.log[0]?.headers.prefer).to.equal('return=minimal');
    expect(created.status).to.equal(201);
    expect(created.source).to.equal('submission');
    expect(created.headers.get('location')).to.match(/\/orders\/\d+$/);
    expect([...database.values()].at(-1)?.status).to.equal('quiet');
  });

  it('should follow a 303 with a GET', async () => {
    const collection = await client.go(orders.url('/orders')).get();
    orders.log.length = 0;
    const created = await collection.form('legacy').submit({ status: 'legacy' });
    expect(orders.log.map((entry) => entry.method)).to.deep.equal(['POST', 'GET']);
    expect(orders.log[1]?.headers['content-type']).to.equal(undefined);
    expect(orders.log[1]?.headers['idempotency-key']).to.equal(undefined);
    expect(created.properties.status).to.equal('legacy');
  });

  it('should send a fresh Idempotency-Key with an unsafe submission, and take the caller’s own', async () => {
    const collection = await client.go(orders.url('/orders')).get();
    await collection.form('create').submit({ status: 'a' });
    await collection.form('create').submit({ status: 'b' }, { idempotencyKey: 'outbox-42' });
    const keys = orders
      .requests('POST', '/orders')
      .map((entry) => entry.headers['idempotency-key']);
    // A structured-field string, as the Idempotency-Key draft defines the header.
    expect(keys[0]).to.match(/^"[0-9a-f-]{36}"$/);
    expect(keys[1]).to.equal('"outbox-42"');
  });

  it('should refuse a key that cannot be sent as a structured-field string', async () => {
    const collection = await client.go(orders.url('/orders')).get();
    for (const idempotencyKey of ['', 'has "quotes"', 'x'.repeat(256), 'tab\tkey']) {
      let caught: unknown;
      try {
        await collection.form('create').submit({ status: 'c' }, { idempotencyKey });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(TypeError);
    }
    expect(orders.requests('POST', '/orders')).to.have.length(0);
  });

  describe('conditional writes', () => {
    const load = async (requireIfMatch: boolean): Promise<State> => {
      const order = {
        id: database.size + 1,
        status: 'open',
        requireIfMatch,
        hinted: requireIfMatch,
      };
      database.set(order.id, order);
      return client.go(orders.url(`/orders/${order.id}`)).get();
    };

    it('should send If-Match when the self link hints precondition-req', async () => {
      const state = await load(true);
      const updated = await state.form().submit({ status: 'paid' });
      const [put] = orders.requests('PUT', new URL(state.url).pathname);
      expect(put?.headers['if-match']).to.equal(state.etag);
      expect(updated.properties.status).to.equal('paid');
    });

    it('should answer a 428 once with the If-Match of the state the form came from', async () => {
      const state = await load(false);
      database.get(state.properties.id as number)!.requireIfMatch = true;
      await state.form().submit({ status: 'paid' });
      const puts = orders.requests('PUT', new URL(state.url).pathname);
      expect(puts.map((entry) => entry.headers['if-match'])).to.deep.equal([undefined, state.etag]);
      expect(puts[0]?.headers['idempotency-key']).to.equal(puts[1]?.headers['idempotency-key']);
    });

    it('should turn a 412 into a ConflictError carrying the fresh state', async () => {
      const state = await load(false);
      database.get(state.properties.id as number)!.status = 'changed elsewhere';
      let caught: unknown;
      try {
        await state.form().submit({ status: 'paid' }, { ifMatch: true });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConflictError);
      const conflict = caught as ConflictError;
      expect(conflict.code).to.equal('CONFLICT');
      expect(conflict.status).to.equal(412);
      expect(conflict.problem?.title).to.equal('Changed');
      expect(conflict.current?.properties.status).to.equal('changed elsewhere');
      expect(conflict.current?.etag).to.not.equal(state.etag);
    });

    it('should never send If-Match when the caller says ifMatch: false', async () => {
      const state = await load(true);
      let caught: unknown;
      try {
        await state.form().submit({ status: 'paid' }, { ifMatch: false });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(Problem);
      expect((caught as Problem).status).to.equal(428);
      expect(orders.requests('PUT', new URL(state.url).pathname)).to.have.length(1);
    });
  });

  describe('errors', () => {
    it('should throw a Problem with the RFC 9457 members, field errors and extensions', async () => {
      const order = { id: database.size + 1, status: 'open', requireIfMatch: false };
      database.set(order.id, order);
      let caught: unknown;
      try {
        await client
          .go(orders.url(`/orders/${order.id}`))
          .form('validate')
          .submit({});
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(Problem).and.instanceOf(HttpError);
      const problem = caught as Problem;
      expect(problem.code).to.equal('PROBLEM');
      expect(problem).to.include({
        status: 422,
        type: 'https://halway.dev/problems/invalid',
        title: 'Invalid values',
        detail: 'status is wrong',
        instance: '/orders/1/validate#1',
      });
      expect(problem.errors).to.deep.equal([
        { pointer: '/status', field: 'status', constraint: 'options', detail: 'bad' },
      ]);
      expect(problem.extensions).to.deep.equal({
        errors: problem.errors,
        allowed: ['paid'],
      });
      expect(await problem.response.json()).to.deep.equal(problem.document);
    });

    it('should throw an HttpError with the response for other error statuses', async () => {
      const order = { id: database.size + 1, status: 'open', requireIfMatch: false };
      database.set(order.id, order);
      let caught: unknown;
      try {
        await client
          .go(orders.url(`/orders/${order.id}`))
          .form('crash')
          .submit({});
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(HttpError).and.not.instanceOf(Problem);
      const error = caught as HttpError;
      expect(error.code).to.equal('HTTP_ERROR');
      expect(error.status).to.equal(500);
      expect(error.method).to.equal('POST');
      expect(await error.response.text()).to.equal('boom');
    });

    it('should throw a Problem for a failed GET', async () => {
      let caught: unknown;
      try {
        await client.go(orders.url('/orders/9999')).get();
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(Problem);
      expect((caught as Problem).status).to.equal(404);
    });
  });
});
