import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { absoluteDocument, createJsonLogger, createService, defineResource } from '@halway/server';
import { createShop } from './support/shop.js';

describe('absolute links', () => {
  it('should make every href, form target and option link absolute from the Host by default', async () => {
    const { app, place } = createShop();
    const order = place();
    const response = await request(app)
      .get(`/orders/${order.id}`)
      .set('Host', 'shop.test:8080')
      .expect(200);
    const { _links: links, _templates: templates } = response.body as {
      _links: Record<string, { href: string }>;
      _templates: Record<string, { target?: string }>;
    };
    for (const link of Object.values(links))
      expect(link.href).to.match(/^http:\/\/shop\.test:8080\//);
    expect(links.self!.href).to.equal(`http://shop.test:8080/orders/${order.id}`);
    expect(templates.pay!.target).to.equal(`http://shop.test:8080/orders/${order.id}/payment`);
    const list = await request(app).get('/orders').set('Host', 'shop.test').expect(200);
    for (const item of list.body._embedded.orders as { _links: { self: { href: string } } }[])
      expect(item._links.self.href).to.match(/^http:\/\/shop\.test\/orders\/\d+$/);
  });

  it('should reach curies, option links and embedded items, resolve path-relative hrefs against self, and keep absolute ones', () => {
    const document = absoluteDocument(
      {
        _links: {
          self: { href: '/orders/1' },
          curies: [{ name: 'cs', href: '/docs/rels/{rel}', templated: true }],
          payment: { href: 'https://payments.test/payments/9' },
          receipt: { href: 'receipt' },
          mirror: { href: '//mirror.test/orders/1' },
        },
        _embedded: { items: [{ _links: { self: { href: '/items/1' } } }] },
        _templates: {
          default: {
            method: 'POST',
            properties: [
              { name: 'size', options: { link: { href: '/sizes{?drink}', templated: true } } },
            ],
          },
        },
      },
      'https://shop.test',
    );
    expect(document._links).to.deep.equal({
      self: { href: 'https://shop.test/orders/1' },
      curies: [{ name: 'cs', href: 'https://shop.test/docs/rels/{rel}', templated: true }],
      payment: { href: 'https://payments.test/payments/9' },
      receipt: { href: 'https://shop.test/orders/receipt' },
      mirror: { href: 'https://mirror.test/orders/1' },
    });
    expect(document._embedded).to.deep.equal({
      items: [{ _links: { self: { href: 'https://shop.test/items/1' } } }],
    });
    expect(document._templates?.default?.properties?.[0]?.options?.link?.href).to.equal(
      'https://shop.test/sizes{?drink}',
    );
  });

  it('should keep templated hrefs templated', async () => {
    const { app } = createShop();
    const home = await request(app).get('/').set('Host', 'shop.test').expect(200);
    expect(home.body._links.orders).to.include({
      href: 'http://shop.test/orders{?page,size,status}',
      templated: true,
    });
  });

  it('should use publicUrl over anything the request says', async () => {
    const { app } = createShop({ publicUrl: 'https://shop.example.com/ignored/path' });
    const home = await request(app)
      .get('/')
      .set('Host', 'evil.test')
      .set('X-Forwarded-Host', 'evil.test')
      .expect(200);
    expect(home.body._links.self.href).to.equal('https://shop.example.com/');
  });

  it('should ignore X-Forwarded-* and Forwarded unless the proxy is trusted', async () => {
    const { app } = createShop();
    const home = await request(app)
      .get('/')
      .set('Host', 'shop.test')
      .set('X-Forwarded-Host', 'evil.test')
      .set('X-Forwarded-Proto', 'https')
      .set('Forwarded', 'host=evil.test;proto=https')
      .expect(200);
    expect(home.body._links.self.href).to.equal('http://shop.test/');
    expect(home.headers.vary).to.not.include('Forwarded');
  });

  it('should believe only the last value a trusted proxy wrote, and say it varies by it', async () => {
    const { app } = createShop({ trustProxy: true });
    const forwarded = await request(app)
      .get('/')
      .set('Host', 'internal:4001')
      .set('X-Forwarded-Host', 'evil.test, shop.example.com')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    expect(forwarded.body._links.self.href).to.equal('https://shop.example.com/');
    expect(forwarded.headers.vary).to.include('X-Forwarded-Host');
    const standard = await request(app)
      .get('/')
      .set('Host', 'internal:4001')
      .set(
        'Forwarded',
        'for=1.2.3.4;host=evil.test, for=10.0.0.1;host="shop.example.com";proto=https',
      )
      .expect(200);
    expect(standard.body._links.self.href).to.equal('https://shop.example.com/');
  });

  it('should trust only the listed proxy addresses when given a list', async () => {
    for (const [trusted, expected] of [
      [['127.0.0.1'], 'https://shop.example.com/'],
      [['10.9.9.9'], 'http://internal:4001/'],
    ] as const) {
      const { app } = createShop({ trustProxy: trusted });
      const home = await request(app)
        .get('/')
        .set('Host', 'internal:4001')
        .set('X-Forwarded-Host', 'shop.example.com')
        .set('X-Forwarded-Proto', 'https')
        .expect(200);
      expect(home.body._links.self.href).to.equal(expected);
    }
  });

  it('should never build a link from a Host or forwarded host that is not a host', async () => {
    const { app } = createShop({ trustProxy: true });
    for (const host of ['evil.test/x', 'a@evil.test', 'evil.test:80:80', 'ev il']) {
      const home = await request(app)
        .get('/')
        .set('Host', 'shop.test')
        .set('X-Forwarded-Host', host)
        .set('X-Forwarded-Proto', 'javascript')
        .expect(200);
      expect(home.body._links.self.href).to.equal('http://shop.test/');
    }
  });

  it('should keep links relative when asked to', async () => {
    const { app, place } = createShop({ relativeLinks: true });
    const order = place();
    const item = await request(app).get(`/orders/${order.id}`).expect(200);
    expect(item.body._links.self.href).to.equal(`/orders/${order.id}`);
    expect(item.body._templates.pay.target).to.equal(`/orders/${order.id}/payment`);
  });

  it('should keep the mount path of a service below another app', async () => {
    const outer = express().use('/shop', createShop().app);
    const home = await request(outer).get('/shop/').set('Host', 'example.test').expect(200);
    expect(home.body._links.self.href).to.equal('http://example.test/shop/');
  });

  it('should keep a document whose hrefs are all absolute as it is, and never change the one given', () => {
    const absolute = {
      _links: { self: { href: 'https://shop.test/orders/1' }, up: { href: 'https://shop.test/' } },
      _embedded: { items: [{ _links: { self: { href: 'https://shop.test/items/1' } } }] },
      _templates: { default: { method: 'POST', target: 'https://shop.test/orders/1/payment' } },
    };
    expect(absoluteDocument(absolute, 'https://shop.test')).to.equal(absolute);
    const relative = { _links: { self: { href: '/orders/1' }, up: { href: '/' } } };
    const copy = absoluteDocument(relative, 'https://shop.test');
    expect(copy._links?.up).to.deep.equal({ href: 'https://shop.test/' });
    expect(relative._links.up.href).to.equal('/');
  });

  it('should resolve the path-relative hrefs of an embedded resource without self against its parent', () => {
    const document = absoluteDocument(
      {
        _links: { self: { href: '/orders/1' } },
        _embedded: { line: { _links: { product: { href: 'products/7' } } } },
      },
      'https://shop.test',
    );
    expect(document._embedded).to.deep.equal({
      line: { _links: { product: { href: 'https://shop.test/orders/products/7' } } },
    });
  });

  it('should render the same hrefs for a resource with a version as for one without', async () => {
    const shape = {
      load: () => ({ id: '1' }),
      links: () => ({
        up: '/orders',
        receipt: 'receipt',
        page: { href: '/orders{?page}', templated: true },
        payment: 'https://payments.test/payments/9',
        others: ['/orders/2', { href: '3', title: 'Three' }],
      }),
      embedded: () => ({ line: { _links: { product: { href: 'products/7' } } } }),
    };
    // A field whose options come from a path-relative and a root-relative link.
    const sized = (href: string) =>
      ({
        type: 'object',
        properties: { size: { type: 'string', 'x-hal-forms': { options: { link: { href } } } } },
      }) as const;
    const withActions = (path: string, version?: () => number) =>
      defineResource(path, { ...shape, version })
        .action('pay', { method: 'POST', path: '/payment', handle: () => undefined })
        // Its form is the same for every state and request: shared, not copied, when relative.
        .action('resize', { method: 'PUT', input: sized('/sizes'), handle: () => undefined })
        .action('pick', {
          method: 'PATCH',
          input: sized('sizes'),
          values: () => ({ size: 'large' }),
          handle: () => undefined,
        });
    const versioned = withActions('/versioned/orders/:id', () => 3);
    const digested = withActions('/digested/orders/:id');
    const app = createService({ resources: [versioned, digested], logger: false });
    const [a, b] = await Promise.all(
      ['versioned', 'digested'].map((prefix) =>
        request(app).get(`/${prefix}/orders/1`).set('Host', 'shop.test').expect(200),
      ),
    );
    // The two differ only in their paths and their profile's fragment.
    const unprefixed = (body: unknown) =>
      JSON.parse(
        JSON.stringify(body).replaceAll(/\/(versioned|digested)\/|#(versioned|digested)-/g, '/'),
      ) as unknown;
    expect(unprefixed(a!.body)).to.deep.equal(unprefixed(b!.body));
    expect(a!.body._links.others[1]).to.deep.equal({
      href: 'http://shop.test/versioned/orders/3',
      title: 'Three',
    });
    expect(a!.body._embedded.line._links.product.href).to.equal(
      'http://shop.test/versioned/orders/products/7',
    );
    expect(a!.body._templates.pay.target).to.equal('http://shop.test/versioned/orders/1/payment');
    expect(a!.body._templates.resize.properties[0].options.link.href).to.equal(
      'http://shop.test/sizes',
    );
    expect(a!.body._templates.pick.properties[0].options.link.href).to.equal(
      'http://shop.test/versioned/orders/sizes',
    );
  });

  it('should give a resource without a version the same state version whatever Host it is read through', async () => {
    const note = defineResource('/notes/:id', {
      load: ({ params }) => ({ id: params.id, text: 'hello' }),
      links: () => ({ up: '/notes' }),
    }).action('edit', { method: 'PATCH', handle: () => undefined });
    const app = createService({ resources: [note], logger: false });
    const stateVersion = async (host: string) => {
      const response = await request(app).get('/notes/1').set('Host', host).expect(200);
      expect(response.body._links.up.href).to.equal(`http://${host}/notes`);
      return /^"([^:]+):/.exec(response.headers.etag as string)?.[1];
    };
    const seen = await stateVersion('one.test');
    expect(seen).to.be.a('string');
    expect(await stateVersion('two.test')).to.equal(seen);
    await request(app)
      .patch('/notes/1')
      .set('Host', 'two.test')
      .set('Content-Type', 'application/json')
      .set('If-Match', `"${seen}:x"`)
      .send({})
      .expect((response) => expect(response.status).to.be.below(400));
  });

  it("should still refuse a link without an href, with the builder's message, when rendering absolute", async () => {
    const lines: string[] = [];
    const broken = defineResource('/broken/:id', {
      load: () => ({}),
      version: () => 1,
      links: () => ({ empty: '' }),
    });
    const app = createService({
      resources: [broken],
      logger: createJsonLogger({}, (line) => lines.push(line)),
    });
    await request(app).get('/broken/1').set('Host', 'shop.test').expect(500);
    expect(lines.join('\n')).to.include('every link needs a non-empty href');
  });
});
