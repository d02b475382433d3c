import { expect } from 'chai';
import {
  basicAuth,
  bearerAuth,
  createClient,
  oauth2ClientCredentials,
  setHeaders,
  type HalwayClient,
  type Middleware,
} from '@halway/client';
import { sendHal, startServices, type TestService } from './support/service.js';

const BASIC = `Basic ${Buffer.from('svc:sécret').toString('base64')}`;

describe('credentials per origin', () => {
  let orders: TestService;
  let payments: TestService;
  let catalog: TestService;

  before(async () => {
    [orders, payments, catalog] = await startServices();
    orders.app.get('/', (req, res) =>
      sendHal(req, res, {
        _links: {
          self: { href: '/' },
          payment: { href: payments.url('/payments/1') },
          product: { href: catalog.url('/products/1') },
          moved: { href: '/moved' },
        },
        _templates: {
          order: {
            method: 'POST',
            target: '/orders',
            properties: [
              { name: 'size', options: { link: { href: catalog.url('/sizes') }, maxItems: 1 } },
            ],
          },
        },
      }),
    );
    orders.app.get('/moved', (_req, res) => res.redirect(302, catalog.url('/products/1')));
    // A write redirected to another service: 307 keeps the method and the body.
    orders.app.post('/orders', (_req, res) => res.redirect(307, payments.url('/orders')));
    payments.app.post('/orders', (req, res) =>
      sendHal(req, res, { _links: { self: { href: '/orders/1' } }, size: req.body.size }),
    );
    payments.app.get('/payments/1', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/payments/1' }, order: { href: orders.url('/') } },
      }),
    );
    catalog.app.get('/products/1', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/products/1' }, payment: { href: payments.url('/payments/1') } },
        name: 'Latte',
      }),
    );
    catalog.app.get('/sizes', (_req, res) => res.json(['small', 'large']));
  });

  after(() => Promise.all([orders, payments, catalog].map((service) => service.close())));

  beforeEach(() => {
    for (const service of [orders, payments, catalog]) service.log.length = 0;
  });

  const scopedClient = (): HalwayClient =>
    createClient()
      .use(bearerAuth('orders-token'), { origin: orders.origin })
      .use(basicAuth('svc', 'sécret'), { origin: payments.origin })
      .use(setHeaders({ 'x-api-key': 'catalog-key' }), { origin: catalog.origin });

  it('should give each of three origins its own credentials and nobody else’s', async () => {
    const client = scopedClient();
    await client.go(orders.url('/')).follow('payment').follow('order').follow('product').get();
    await client.go(orders.url('/')).follow('product').follow('payment').get();
    await client.go(orders.url('/')).follow('moved').get();
    await client.go(orders.url('/')).form('order').submit({ size: 'small' });

    expect(orders.log.length).to.be.greaterThan(3);
    for (const entry of orders.log) {
      expect(entry.headers.authorization).to.equal('Bearer orders-token');
      expect(entry.headers['x-api-key']).to.equal(undefined);
    }
    expect(payments.log.length).to.be.greaterThan(2);
    for (const entry of payments.log) {
      expect(entry.headers.authorization).to.equal(BASIC);
      expect(entry.headers['x-api-key']).to.equal(undefined);
    }
    expect(catalog.log.length).to.be.greaterThan(2);
    for (const entry of catalog.log) {
      expect(entry.headers['x-api-key']).to.equal('catalog-key');
      expect(entry.headers.authorization).to.equal(undefined);
    }
  });

  it('should not carry credentials across a redirect to another origin', async () => {
    const client = scopedClient();
    await client.go(orders.url('/moved')).get();
    expect(orders.requests('GET', '/moved')[0]?.headers.authorization).to.equal(
      'Bearer orders-token',
    );
    const [redirected] = catalog.requests('GET', '/products/1');
    expect(redirected?.headers.authorization).to.equal(undefined);
    expect(redirected?.headers['x-api-key']).to.equal('catalog-key');
  });

  it('should give a redirected write the credentials of the origin it lands on', async () => {
    const client = scopedClient();
    const result = await client.go(orders.url('/')).form('order').submit({ size: 'large' });
    expect(result.properties.size).to.equal('large');
    const [landed] = payments.requests('POST', '/orders');
    expect(landed?.headers.authorization).to.equal(BASIC);
    expect(landed?.body).to.deep.equal({ size: 'large' });
  });

  it('should fetch a remote options list with the options origin’s credentials only', async () => {
    const client = scopedClient();
    const form = await client.go(orders.url('/')).form('order');
    expect((await form.choices('size')).map((option) => option.value)).to.deep.equal([
      'small',
      'large',
    ]);
    const [options] = catalog.requests('GET', '/sizes');
    expect(options?.headers.authorization).to.equal(undefined);
    expect(options?.headers['x-api-key']).to.equal('catalog-key');
  });

  it('should drop a hand-set Authorization header on a cross-origin redirect', async () => {
    const client = createClient();
    await client.go(orders.url('/moved')).get({ headers: { authorization: 'Bearer by-hand' } });
    expect(orders.log[0]?.headers.authorization).to.equal('Bearer by-hand');
    expect(catalog.log[0]?.headers.authorization).to.equal(undefined);
  });

  it('should match origin globs and regular expressions', async () => {
    const client = createClient()
      .use(setHeaders({ 'x-tenant': 'loopback' }), { origin: 'http://127.0.0.*' })
      .use(setHeaders({ 'x-name': 'named' }), { origin: /^http:\/\/localhost:\d+$/ });
    await client.go(orders.url('/')).follow('payment').get();
    await client.go(catalog.url('/products/1')).get();
    expect(orders.log[0]?.headers['x-tenant']).to.equal('loopback');
    expect(payments.log[0]?.headers['x-tenant']).to.equal('loopback');
    expect(catalog.log[0]?.headers['x-tenant']).to.equal(undefined);
    expect(catalog.log[0]?.headers['x-name']).to.equal('named');
    expect(orders.log[0]?.headers['x-name']).to.equal(undefined);
  });

  it('should ask a token function for the current token on every request', async () => {
    let issued = 0;
    const client = createClient().use(
      bearerAuth(async () => `token-${++issued}`),
      { origin: orders.origin },
    );
    await client.go(orders.url('/')).get();
    await client.go(orders.url('/')).get();
    expect(orders.log.map((entry) => entry.headers.authorization)).to.deep.equal([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('should run unscoped middlewares everywhere, in the order they were added', async () => {
    const seen: string[] = [];
    const log: Middleware = async (request, next) => {
      seen.push(`before ${new URL(request.url).pathname}`);
      const response = await next(request);
      seen.push(`after ${response.status}`);
      return response;
    };
    const client = createClient()
      .use(log, { origin: '*' })
      .use(setHeaders({ 'x-trace': '1' }, { credentials: false }), { origin: '*' });
    await client.go(catalog.url('/products/1')).get();
    expect(seen).to.deep.equal(['before /products/1', 'after 200']);
    expect(catalog.log[0]?.headers['x-trace']).to.equal('1');
  });

  describe('oauth2ClientCredentials()', () => {
    let issued: string[];
    let revoked: Set<string>;

    before(() => {
      catalog.app.post('/oauth/token', (req, res) => {
        const expected = `Basic ${Buffer.from('orders-svc:s3cret%2F').toString('base64')}`;
        if (req.get('authorization') !== expected || req.body.grant_type !== 'client_credentials') {
          return res.status(401).json({ error: 'invalid_client' });
        }
        const token = `token-${issued.length + 1}`;
        issued.push(token);
        res.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 });
      });
      payments.app.get('/secured', (req, res) => {
        const token = (req.get('authorization') ?? '').replace(/^Bearer /, '');
        if (!issued.includes(token) || revoked.has(token)) return res.status(401).end();
        sendHal(req, res, { token });
      });
    });

    beforeEach(() => {
      issued = [];
      revoked = new Set();
    });

    const oauthClient = () =>
      createClient().use(
        oauth2ClientCredentials({
          tokenEndpoint: catalog.url('/oauth/token'),
          clientId: 'orders-svc',
          clientSecret: 's3cret/',
          scope: ['payments', 'read'],
        }),
        { origin: payments.origin },
      );

    it('should get one token for concurrent requests and send it to its origin only', async () => {
      const client = oauthClient();
      const states = await Promise.all([
        client.go(payments.url('/secured')).get({ cache: 'no-store' }),
        client.go(payments.url('/payments/1')).get(),
      ]);
      expect(states[0].properties.token).to.equal('token-1');
      expect(issued).to.deep.equal(['token-1']);
      const [tokenRequest] = catalog.requests('POST', '/oauth/token');
      expect(tokenRequest?.body).to.deep.equal({
        grant_type: 'client_credentials',
        scope: 'payments read',
      });
      await client.go(orders.url('/')).get();
      expect(orders.log[0]?.headers.authorization).to.equal(undefined);
      for (const entry of payments.log) {
        expect(entry.headers.authorization).to.equal('Bearer token-1');
      }
    });

    it('should renew a token the server stopped taking, and send the request once more', async () => {
      const client = oauthClient();
      await client.go(payments.url('/secured')).get({ cache: 'no-store' });
      revoked.add('token-1');
      const state = await client.go(payments.url('/secured')).get({ cache: 'no-store' });
      expect(state.properties.token).to.equal('token-2');
      expect(
        payments.requests('GET', '/secured').map((entry) => entry.headers.authorization),
      ).to.deep.equal(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    });

    it('should be a credential middleware', () => {
      const middleware = oauth2ClientCredentials({
        tokenEndpoint: catalog.url('/oauth/token'),
        clientId: 'a',
        clientSecret: 'b',
      });
      expect(() => createClient().use(middleware, { origin: '*' })).to.throw(TypeError);
      expect(() =>
        oauth2ClientCredentials({ tokenEndpoint: 'nope', clientId: 'a', clientSecret: 'b' }),
      ).to.throw(TypeError);
    });
  });

  describe('HalwayClient.use()', () => {
    it('should refuse a credential middleware scoped to every origin', () => {
      const client = createClient();
      expect(() => client.use(bearerAuth('t'), { origin: '*' })).to.throw(TypeError);
      expect(() => client.use(setHeaders({ 'x-api-key': 'k' }), { origin: ['*'] })).to.throw(
        TypeError,
      );
    });

    it('should refuse a middleware without a scope or with a malformed origin', () => {
      const client = createClient();
      const pass: Middleware = (request, next) => next(request);
      expect(() => client.use(pass, undefined as never)).to.throw(TypeError);
      expect(() => client.use(pass, { origin: 'not a url' })).to.throw(TypeError);
      expect(() => client.use(pass, { origin: [] })).to.throw(TypeError);
    });

    it('should refuse malformed credentials', () => {
      expect(() => basicAuth('a:b', 'c')).to.throw(TypeError);
      expect(() => bearerAuth(42 as never)).to.throw(TypeError);
      expect(() => setHeaders({ 'x-a': 1 as never })).to.throw(TypeError);
    });
  });
});
