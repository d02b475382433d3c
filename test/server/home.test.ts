import { expect } from 'chai';
import request from 'supertest';
import express from 'express';
import { createService, defineHome, defineResource } from '@halway/server';
import { createShop } from './support/shop.js';

describe('defineHome', () => {
  it('should refuse at start-up a link to a resource the service does not serve', () => {
    const order = defineResource('/orders/:id', { load: () => ({}) });
    const home = defineHome({ links: { order } });
    expect(() => createService({ resources: [home] })).to.throw(
      TypeError,
      /links "order" to \/orders\/:id, which is not in "resources"/,
    );
    expect(() => createService({ resources: [home, order], logger: false })).not.to.throw();
  });

  it('should link to collections and publish templated links by rel', async () => {
    const { app } = createShop();
    const response = await request(app).get('/').set('Host', 'shop.test').expect(200);
    expect(response).to.be.validHalForms;
    expect(response.body.title).to.equal('Shop');
    expect(response).to.have.halLink('orders', { templated: true, title: 'Orders' });
    expect(response.body._links.orders.href).to.equal('http://shop.test/orders{?page,size,status}');
    expect(response.body._links.order).to.deep.equal({
      href: 'http://shop.test/orders/{id}',
      templated: true,
      title: 'An order',
    });
  });

  it('should build every link under the path the service is mounted at', async () => {
    const { app, place } = createShop();
    const order = place();
    const outer = express().use('/shop', app);
    const home = await request(outer).get('/shop/').set('Host', 'shop.test').expect(200);
    expect(home.body._links.order.href).to.equal('http://shop.test/shop/orders/{id}');
    const item = await request(outer)
      .get(`/shop/orders/${order.id}`)
      .set('Host', 'shop.test')
      .expect(200);
    expect(item.body._links.self.href).to.equal(`http://shop.test/shop/orders/${order.id}`);
    expect(item.body._templates.pay.target).to.equal(
      `http://shop.test/shop/orders/${order.id}/payment`,
    );
    await request(outer)
      .post('/shop/')
      .send({ drink: 'tea' })
      .expect(201)
      .expect('Location', '/shop/orders/2');
  });

  it('should render a home with a version and cacheByVersion once, and say its version in the ETag', async () => {
    let renders = 0;
    const orders = defineResource('/orders', { load: () => ({}) });
    const home = defineHome({ links: { orders }, version: 7, cacheByVersion: true }).action(
      'place',
      {
        method: 'POST',
        allow: () => {
          renders++;
          return true;
        },
        handle: () => undefined,
      },
    );
    const app = createService({ resources: [home, orders], logger: false });
    const first = await request(app).get('/').set('Host', 'shop.test').expect(200);
    const again = await request(app).get('/').set('Host', 'shop.test').expect(200);
    expect(renders).to.equal(1);
    expect(again.text).to.equal(first.text);
    expect(first.headers.etag).to.match(/^"7:/);
    expect(first.body._templates.place.method).to.equal('POST');
    await request(app)
      .get('/')
      .set('Host', 'shop.test')
      .set('If-None-Match', first.headers.etag!)
      .expect(304);
  });

  it('should refuse cacheByVersion on a home without a version', () => {
    expect(() => defineHome({ cacheByVersion: true })).to.throw(
      TypeError,
      'defineHome(): cacheByVersion needs a version',
    );
  });
});
