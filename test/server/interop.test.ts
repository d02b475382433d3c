// What HAL and HAL-FORMS clients other than Halway's rely on (HAL Explorer, Traverson, Ketting).
import { expect } from 'chai';
import request from 'supertest';
import { createService, defineHome, defineResource, problemType } from '@halway/server';
import { createShop } from './support/shop.js';

const HAL_FORMS = 'application/prs.hal-forms+json';

function sizesService() {
  const sizes = defineResource('/sizes', {
    title: 'Sizes',
    embedded: () => ({
      sizes: [
        { code: 's', name: 'Small' },
        { code: 'l', name: 'Large' },
      ],
    }),
  });
  const home = defineHome({ title: 'Shop', links: { sizes } }).action('choose', {
    method: 'POST',
    requireIdempotencyKey: true,
    input: {
      type: 'object',
      properties: {
        size: {
          type: 'string',
          'x-hal-forms': {
            options: { link: { href: '/sizes' }, promptField: 'name', valueField: 'code' },
          },
        },
      },
    } as const,
    handle: () => undefined,
  });
  return createService({ resources: [home, sizes], logger: false });
}

describe('interoperability', () => {
  describe('HAL-FORMS value', () => {
    it('should send every value as a string, and lists as selectedValues only', async () => {
      const { app, place } = createShop();
      const order = place({ quantity: 3, total: 10.5 });
      const response = await request(app).get(`/orders/${order.id}`).expect(200);
      const templates = response.body._templates as Record<
        string,
        { properties?: { value?: unknown }[] }
      >;
      const values = Object.values(templates).flatMap((template) =>
        (template.properties ?? []).map((property) => property.value),
      );
      expect(values.filter((value) => value !== undefined)).to.have.length.above(1);
      for (const value of values) if (value !== undefined) expect(value).to.be.a('string');
      const home = await request(app).get('/').expect(200);
      const extras = (home.body._templates['place-order'].properties as { name: string }[]).find(
        (property) => property.name === 'extras',
      );
      expect(extras).to.not.have.property('value');
    });
  });

  describe('JSON bodies from HAL-FORMS clients', () => {
    it('should take numbers sent as strings, as HAL Explorer sends them', async () => {
      const { app, orders } = createShop();
      await request(app).post('/').send({ drink: 'tea', quantity: '2' }).expect(201);
      expect([...orders.values()].at(-1)?.quantity).to.equal(2);
    });

    it('should take a one-element array for a single-valued field, as Ketting sends selectedValues', async () => {
      const { app, orders } = createShop();
      await request(app)
        .post('/')
        .send({ drink: ['tea'], size: ['large'], quantity: ['3'] })
        .expect(201);
      expect([...orders.values()].at(-1)).to.include({ drink: 'tea', size: 'large', quantity: 3 });
    });

    it('should coerce nothing that is ambiguous', async () => {
      const { app } = createShop();
      for (const body of [
        { drink: 'tea', quantity: '' },
        { drink: 'tea', quantity: ' 2' },
        { drink: 'tea', quantity: '0x2' },
        { drink: 'tea', quantity: '2.5' },
        { drink: 'tea', size: ['large', 'small'] },
        { drink: 'tea', note: 5 },
      ]) {
        const response = await request(app).post('/').send(body).expect(422);
        expect(response).to.be.problem({ type: problemType('INVALID_INPUT') });
      }
    });

    it('should keep a string a string where the schema allows strings', async () => {
      const { app, orders } = createShop();
      await request(app)
        .post('/')
        .send({ drink: 'tea', extras: ['milk'] })
        .expect(201);
      expect([...orders.values()].at(-1)?.extras).to.deep.equal(['milk']);
    });
  });

  describe('negotiation', () => {
    it('should serve a document without forms as application/hal+json', async () => {
      const app = sizesService();
      const response = await request(app)
        .get('/sizes')
        .set('Accept', `${HAL_FORMS}, application/hal+json;q=0.9`);
      expect(response.headers['content-type']).to.match(/^application\/hal\+json/);
      expect(response.body).to.not.have.property('_templates');
      const home = await request(app)
        .get('/')
        .set('Accept', `${HAL_FORMS}, application/hal+json;q=0.9`);
      expect(home.headers['content-type']).to.match(/^application\/prs\.hal-forms\+json/);
    });

    it('should give a HAL-FORMS-only client an empty _templates, which HAL-FORMS requires', async () => {
      const response = await request(sizesService())
        .get('/sizes')
        .set('Accept', HAL_FORMS)
        .expect(200);
      expect(response.headers['content-type']).to.match(/^application\/prs\.hal-forms\+json/);
      expect(response.body._templates).to.deep.equal({});
    });

    it('should answer an options link asked for as application/json with a plain array, and HAL clients with HAL', async () => {
      const app = sizesService();
      const plain = await request(app).get('/sizes').set('Accept', 'application/json').expect(200);
      expect(plain.body).to.deep.equal([
        { code: 's', name: 'Small' },
        { code: 'l', name: 'Large' },
      ]);
      const hal = await request(app)
        .get('/sizes')
        .set('Accept', 'application/hal+json')
        .expect(200);
      expect(hal.body._embedded.sizes).to.have.length(2);
      const home = await request(app).get('/').set('Accept', 'application/json').expect(200);
      expect(home.body._links.self).to.have.property('href');
      // A list given inline is that list.
      const inline = createService({
        logger: false,
        resources: [
          defineHome().action('pick', {
            method: 'POST',
            input: {
              type: 'object',
              properties: {
                colour: {
                  type: 'string',
                  'x-hal-forms': { options: { link: { href: '/colours' } } },
                },
              },
            } as const,
            handle: () => undefined,
          }),
          defineResource('/colours', { properties: () => ({ inline: ['red', 'green'] }) }),
        ],
      });
      const colours = await request(inline)
        .get('/colours')
        .set('Accept', 'application/json')
        .expect(200);
      expect(colours.body).to.deep.equal(['red', 'green']);
    });
  });

  describe('embedded resources', () => {
    it('should link every embedded item that has a URL under its relation (HAL §8.3)', async () => {
      const { app, place } = createShop();
      place();
      place();
      const page = await request(app).get('/orders').set('Host', 'shop.test').expect(200);
      const selves = (page.body._embedded.orders as { _links: { self: { href: string } } }[]).map(
        (item) => item._links.self.href,
      );
      expect(page.body._links.orders.map((link: { href: string }) => link.href)).to.deep.equal(
        selves,
      );
    });

    it('should link embedded items under a relation named as an Object.prototype member too', async () => {
      const app = createService({
        logger: false,
        resources: [
          defineResource('/things', {
            embedded: () => ({ constructor: [{ _links: { self: { href: '/things/1' } } }] }),
          }),
        ],
      });
      const response = await request(app).get('/things').set('Host', 'shop.test').expect(200);
      expect(response.body._links.constructor).to.deep.equal([
        { href: 'http://shop.test/things/1' },
      ]);
    });

    it('should give an embedded resource without a URL of its own a self pointing at where it is', async () => {
      const response = await request(sizesService())
        .get('/sizes')
        .set('Host', 'shop.test')
        .expect(200);
      expect(
        response.body._embedded.sizes.map(
          (item: { _links: { self: { href: string } } }) => item._links.self.href,
        ),
      ).to.deep.equal([
        'http://shop.test/sizes#/_embedded/sizes/0',
        'http://shop.test/sizes#/_embedded/sizes/1',
      ]);
      expect(response.body._links).to.not.have.property('sizes');
    });
  });

  describe('Idempotency-Key', () => {
    it('should say on the template that a key is required, and which problem comes without one', async () => {
      const app = sizesService();
      const home = await request(app).get('/').expect(200);
      expect(home.body._templates.choose['x-idempotency-key']).to.deep.equal({
        required: true,
        header: 'Idempotency-Key',
        problem: problemType('IDEMPOTENCY_KEY_MISSING'),
      });
      const refused = await request(app).post('/').send({}).expect(400);
      expect(refused.body.type).to.equal(home.body._templates.choose['x-idempotency-key'].problem);
      const { app: shop } = createShop();
      const plain = await request(shop).get('/').expect(200);
      expect(plain.body._templates['place-order']).to.not.have.property('x-idempotency-key');
    });
  });
});
