import { expect } from 'chai';
import request from 'supertest';
import express from 'express';
import type { AlpsDescriptor, AlpsDocument } from '@halway/server';
import { createShop } from './support/shop.js';

async function profileOf(app: express.Express, path = '/profile'): Promise<AlpsDocument> {
  const response = await request(app).get(path).expect(200);
  expect(response.headers['content-type']).to.match(/^application\/alps\+json/);
  return JSON.parse(response.text) as AlpsDocument;
}

function descriptor(profile: AlpsDocument, id: string): AlpsDescriptor {
  const found = profile.alps.descriptor.find((entry) => entry.id === id);
  if (!found) throw new Error(`no descriptor ${id} in ${JSON.stringify(profile)}`);
  return found;
}

describe('ALPS profiles', () => {
  it('should describe every resource as a state with references to its transitions', async () => {
    const profile = await profileOf(createShop().app);
    expect(profile.alps.version).to.equal('1.0');
    expect(profile.alps.title).to.equal('shop');
    const order = descriptor(profile, 'order');
    expect(order).to.include({ type: 'semantic', title: 'An order' });
    expect(order.descriptor?.map((entry) => entry.href)).to.include.members([
      '#order.update',
      '#order.pay',
      '#order.cancel',
      '#order.collect',
    ]);
    expect(descriptor(profile, 'home').descriptor?.map((entry) => entry.href)).to.include.members([
      '#home.orders',
      '#home.order',
      '#home.place-order',
    ]);
  });

  it('should type each transition safe, unsafe or idempotent from its method, with its rt', async () => {
    const profile = await profileOf(createShop().app);
    expect(descriptor(profile, 'order.pay')).to.include({
      type: 'unsafe',
      rt: '#order',
      name: 'pay',
    });
    expect(descriptor(profile, 'order.cancel')).to.include({ type: 'idempotent', rt: '#order' });
    expect(descriptor(profile, 'home.orders')).to.include({ type: 'safe', rt: '#orders' });
    expect(descriptor(profile, 'orders.search')).to.include({ type: 'safe', rt: '#orders' });
    // What a creating action creates is known from its 201 only: no rt is made up for it.
    expect(descriptor(profile, 'home.place-order')).to.include({ type: 'unsafe' });
    expect(descriptor(profile, 'home.place-order').rt).to.equal(undefined);
  });

  it('should describe the fields of the action input schemas, with their constraints', async () => {
    const profile = await profileOf(createShop().app);
    expect(descriptor(profile, 'order.pay').descriptor).to.deep.equal([
      { href: '#card' },
      { href: '#amount' },
    ]);
    const card = descriptor(profile, 'card');
    expect(card).to.include({ type: 'semantic', title: 'Card number' });
    expect(card.ext).to.deep.include({ id: 'regex', value: '^\\d{16}$' });
    expect(card.ext).to.deep.include({ id: 'required', value: 'true' });
    const drink = descriptor(profile, 'drink');
    expect(drink.ext).to.deep.include({ id: 'options', value: '"latte" "espresso" "tea"' });
  });

  it('should link every representation to its descriptor with rel profile (RFC 6906)', async () => {
    const { app, place } = createShop();
    const order = place();
    // Hrefs are absolute, from the Host the request came to.
    const home = await request(app).get('/').set('Host', 'shop.test').expect(200);
    expect(home.body._links.profile).to.deep.equal({
      href: 'http://shop.test/profile#home',
      type: 'application/alps+json',
    });
    const item = await request(app).get(`/orders/${order.id}`).set('Host', 'shop.test').expect(200);
    expect(item.body._links.profile.href).to.equal('http://shop.test/profile#order');
  });

  it('should serve the profile below the path the service is mounted at', async () => {
    const outer = express().use('/shop', createShop().app);
    const profile = await profileOf(outer, '/shop/profile');
    expect(descriptor(profile, 'order').title).to.equal('An order');
    const home = await request(outer).get('/shop/').set('Host', 'shop.test').expect(200);
    expect(home.body._links.profile.href).to.equal('http://shop.test/shop/profile#home');
  });
});
