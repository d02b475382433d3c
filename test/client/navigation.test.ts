import { expect } from 'chai';
import {
  LinkNotFoundError,
  MissingVariablesError,
  RESOURCE_ACCEPT,
  TooManyRedirectsError,
  acceptHeader,
  createClient,
  representations,
  type DeprecationNotice,
  type Hop,
} from '@halway/client';
import { sendHal, startServices, type TestService } from './support/service.js';

describe('navigation', () => {
  let orders: TestService;
  let payments: TestService;
  let catalog: TestService;

  before(async () => {
    [orders, payments, catalog] = await startServices();

    orders.app.get('/', (req, res) => {
      res.set('link', '</status>; rel="status", </orders/7>; rel="latest"; title="Latest"');
      sendHal(req, res, {
        _links: {
          self: { href: '/' },
          orders: { href: '/orders' },
          order: { href: '/orders/{id}', templated: true },
          search: { href: '/orders{?page,size}', templated: true },
          item: [
            { href: '/items/1', name: 'first', type: 'application/hal+json' },
            { href: '/items/2', name: 'second', profile: 'urn:example:item' },
          ],
          old: { href: '/old', deprecation: 'https://docs.example/deprecations/old' },
          hinted: { href: '/hinted', hints: { status: 'deprecated' } },
        },
        name: 'Orders service',
      });
    });
    orders.app.get('/orders/:id', (req, res) => {
      sendHal(req, res, {
        _links: { self: { href: `/orders/${req.params.id}` } },
        id: Number(req.params.id),
        status: 'paid',
        _embedded: {
          // Embedded from the payments service: its relative links belong to that service.
          payment: {
            _links: {
              self: { href: payments.url('/payments/9') },
              receipt: { href: '/receipts/9' },
            },
            amount: 4.5,
          },
          note: { text: 'no self', _links: { author: { href: 'people/1' } } },
          lines: [],
        },
      });
    });
    orders.app.get('/loop', (_req, res) => res.redirect(302, '/loop'));
    for (const path of ['/status', '/items/1', '/items/2', '/old', '/hinted', '/orders/people/1']) {
      orders.app.get(path, (req, res) =>
        sendHal(req, res, { _links: { self: { href: path } }, path }),
      );
    }
    for (const app of [orders.app, payments.app]) {
      app.get('/receipts/9', (req, res) =>
        sendHal(req, res, {
          _links: { self: { href: '/receipts/9' }, product: { href: catalog.url('/products/3') } },
          total: 4.5,
        }),
      );
    }
    catalog.app.get('/products/3', (req, res) =>
      sendHal(req, res, { _links: { self: { href: '/products/3' } }, name: 'Latte' }),
    );
  });

  after(() => Promise.all([orders, payments, catalog].map((service) => service.close())));

  beforeEach(() => {
    for (const service of [orders, payments, catalog]) service.log.length = 0;
  });

  describe('follow()', () => {
    it('should cross three origins through an embedded item whose links are relative', async () => {
      const hops: Hop[] = [];
      const client = createClient({ onHop: (hop) => hops.push(hop) });
      const product = await client
        .go(orders.url('/'))
        .follow('order', { vars: { id: 17 } })
        .follow('payment')
        .follow('receipt')
        .follow('product')
        .get();

      expect(product.properties).to.deep.equal({ name: 'Latte' });
      expect(product.url).to.equal(catalog.url('/products/3'));
      // The receipt came from the payments service, where the embedded payment lives.
      expect(payments.requests('GET', '/receipts/9')).to.have.length(1);
      expect(orders.requests('GET', '/receipts/9')).to.have.length(0);
      // The embedded payment answered its hop: nobody asked for it.
      expect(payments.requests('GET', '/payments/9')).to.have.length(0);
      expect(hops.map((hop) => [hop.origin, hop.rel])).to.deep.equal([
        [orders.origin, undefined],
        [orders.origin, 'order'],
        [payments.origin, 'receipt'],
        [catalog.origin, 'product'],
      ]);
    });

    it('should request nothing until the chain is used', async () => {
      const client = createClient();
      const chain = client.go(orders.url('/')).follow('orders').follow('order');
      expect(chain).to.have.property('then');
      expect(orders.log).to.have.length(0);
    });

    it('should pick a link by name, type, profile or index', async () => {
      const client = createClient();
      const home = client.go(orders.url('/'));
      expect((await home.follow('item', { name: 'second' })).url).to.equal(orders.url('/items/2'));
      expect((await home.follow('item', { type: 'application/hal+json' })).url).to.equal(
        orders.url('/items/1'),
      );
      expect((await home.follow('item', { profile: 'urn:example:item' })).url).to.equal(
        orders.url('/items/2'),
      );
      expect((await home.follow('item', { index: 1 })).url).to.equal(orders.url('/items/2'));
    });

    it('should expand templated links with RFC 6570 variables', async () => {
      const client = createClient();
      const order = await client.go(orders.url('/')).follow('order', { vars: { id: 'a b' } });
      expect(order.url).to.equal(orders.url('/orders/a%20b'));
    });

    it('should throw a MissingVariablesError, sending nothing, for a template followed without its path variables', async () => {
      const client = createClient();
      const home = await client.go(orders.url('/')).get();
      const templateRequests = () => orders.log.filter((entry) => entry.url !== '/').length;
      const before = templateRequests();
      for (const vars of [undefined, {}, { id: null }, { page: 2 }]) {
        const error = await client
          .go(orders.url('/'))
          .follow('order', vars && { vars })
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(error).to.be.instanceOf(MissingVariablesError);
        expect(error).to.include({ code: 'MISSING_VARIABLES', rel: 'order', url: home.url });
        expect((error as MissingVariablesError).missing).to.deep.equal(['id']);
      }
      expect(() => home.resolve('order')).to.throw(MissingVariablesError);
      expect(templateRequests()).to.equal(before);
    });

    it('should expand a template whose variables are all in its query without any', async () => {
      const client = createClient();
      const search = await client.go(orders.url('/')).follow('search');
      expect(search.url).to.equal(orders.url('/orders'));
    });

    it('should follow links from the Link header', async () => {
      const client = createClient();
      const status = await client.go(orders.url('/')).follow('status').get();
      expect(status.properties.path).to.equal('/status');
      const home = await client.go(orders.url('/')).get();
      expect(home.link('latest')?.title).to.equal('Latest');
      expect(home.rels()).to.include.members(['self', 'orders', 'status', 'latest']);
    });

    it('should reach an embedded item without self by its rel, its links read against the parent', async () => {
      const client = createClient();
      const note = await client.go(orders.url('/orders/5')).follow('note');
      const snapshot = await note.get();
      expect(snapshot.source).to.equal('embedded');
      expect(snapshot.properties).to.deep.equal({ text: 'no self' });
      const author = await note.follow('author').get();
      expect(author.url).to.equal(orders.url('/orders/people/1'));
    });

    it('should find an embedded item without self again from its URL', async () => {
      const client = createClient();
      const note = await client.go(orders.url('/orders/5')).follow('note');
      expect(note.url).to.equal(orders.url('/orders/5#/_embedded/note/0'));
      const again = await createClient().go(note.url).get();
      expect(again.properties).to.deep.equal({ text: 'no self' });
    });

    it('should throw a LinkNotFoundError listing the rels that exist', async () => {
      const client = createClient();
      const error = await client
        .go(orders.url('/orders/5'))
        .follow('paymnet')
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).to.be.instanceOf(LinkNotFoundError);
      expect((error as LinkNotFoundError).code).to.equal('LINK_NOT_FOUND');
      expect((error as LinkNotFoundError).rel).to.equal('paymnet');
      expect((error as LinkNotFoundError).available).to.have.members([
        'self',
        'payment',
        'note',
        'lines',
      ]);
    });

    it('should report a deprecated link to the warning hook when it is followed', async () => {
      const notices: DeprecationNotice[] = [];
      const client = createClient({ onDeprecation: (notice) => notices.push(notice) });
      await client.go(orders.url('/')).follow('old').get();
      await client.go(orders.url('/')).follow('hinted').get();
      await client.go(orders.url('/')).follow('orders');
      expect(notices).to.deep.equal([
        {
          rel: 'old',
          href: orders.url('/old'),
          deprecation: 'https://docs.example/deprecations/old',
          from: orders.url('/'),
        },
        { rel: 'hinted', href: orders.url('/hinted'), deprecation: true, from: orders.url('/') },
      ]);
    });
  });

  describe('followAll()', () => {
    it('should give every resource of a rel, and an empty list for an empty embedded rel', async () => {
      const client = createClient();
      const items = await client.go(orders.url('/')).followAll('item');
      expect(items.map((item) => item.url)).to.deep.equal([
        orders.url('/items/1'),
        orders.url('/items/2'),
      ]);
      expect(await client.go(orders.url('/orders/5')).followAll('lines')).to.deep.equal([]);
      const chained = await client
        .go(orders.url('/'))
        .follow('order', { vars: { id: 3 } })
        .followAll('payment');
      expect(chained.map((payment) => payment.url)).to.deep.equal([payments.url('/payments/9')]);
    });

    it('should throw a LinkNotFoundError for a rel the resource does not have', async () => {
      const client = createClient();
      let caught: unknown;
      try {
        await client.go(orders.url('/')).followAll('nothing');
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(LinkNotFoundError);
    });
  });

  describe('redirects', () => {
    it('should follow a redirect chain up to maxRedirects, then throw TooManyRedirectsError', async () => {
      const client = createClient({ maxRedirects: 3 });
      let caught: unknown;
      try {
        await client.go(orders.url('/loop')).get();
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(TooManyRedirectsError);
      expect((caught as TooManyRedirectsError).code).to.equal('TOO_MANY_REDIRECTS');
      expect(orders.requests('GET', '/loop')).to.have.length(4);
    });
  });

  describe('Accept', () => {
    it('should ask for HAL-FORMS first, then HAL, then JSON, from one table', async () => {
      await createClient().go(orders.url('/')).get();
      expect(RESOURCE_ACCEPT).to.equal(acceptHeader(representations));
      expect(orders.log[0]?.headers.accept).to.equal(
        'application/prs.hal-forms+json, application/hal+json;q=0.9, application/json;q=0.8',
      );
    });
  });

  describe('go()', () => {
    it('should refuse a relative URL outside a browser', () => {
      expect(() => createClient().go('/orders')).to.throw(TypeError);
    });
  });
});
