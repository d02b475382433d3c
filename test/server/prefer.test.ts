import { expect } from 'chai';
import request from 'supertest';
import { createNotes } from './support/notes.js';
import { createShop } from './support/shop.js';

describe('Prefer', () => {
  it('should answer an update with the new state, Content-Location and Preference-Applied', async () => {
    const { app, place } = createShop();
    const order = place();
    const response = await request(app)
      .patch(`/orders/${order.id}`)
      .set('Prefer', 'return=representation')
      .send({ quantity: 4 })
      .expect(200);
    expect(response.body.quantity).to.equal(4);
    expect(response).to.have.halTemplate('update', { properties: { quantity: { value: '4' } } });
    expect(response.headers['content-location']).to.equal(`/orders/${order.id}`);
    expect(response.headers['preference-applied']).to.equal('return=representation');
    expect(response.headers.etag).to.be.a('string');
  });

  it('should answer an action on a sub-path with the state of the resource it changed', async () => {
    const { app, place } = createShop();
    const order = place({ status: 'ready' });
    const response = await request(app)
      .post(`/orders/${order.id}/collection`)
      .set('Prefer', 'return=representation')
      .expect(200);
    expect(response.body.status).to.equal('completed');
    expect(response.headers['content-location']).to.equal(`/orders/${order.id}`);
    expect(response).not.to.have.halTemplate('collect');
  });

  it('should answer a creation with 201, Location and the created resource', async () => {
    const { app } = createShop();
    const response = await request(app)
      .post('/')
      .set('Prefer', 'return=representation')
      .send({ drink: 'tea' })
      .expect(201);
    expect(response.headers.location).to.equal('/orders/1');
    expect(response.headers['content-location']).to.equal('/orders/1');
    expect(response.headers['preference-applied']).to.equal('return=representation');
    expect(response.body).to.include({ drink: 'tea', status: 'payment-expected' });
    expect(response).to.have.halTemplate('pay');
  });

  it('should answer return=minimal with 201/204 and Location only', async () => {
    const { app, place } = createShop();
    const created = await request(app)
      .post('/')
      .set('Prefer', 'return=minimal')
      .send({ drink: 'tea' })
      .expect(201);
    expect(created.headers.location).to.equal('/orders/1');
    expect(created.text).to.equal('');
    expect(created.headers['preference-applied']).to.equal('return=minimal');
    const order = place();
    const updated = await request(app)
      .patch(`/orders/${order.id}`)
      .set('Prefer', 'return=minimal')
      .send({ quantity: 2 })
      .expect(204);
    expect(updated.headers['preference-applied']).to.equal('return=minimal');
  });

  it('should answer without a body when the resource is gone', async () => {
    const { app, notes, add } = createNotes();
    const note = add();
    notes.delete(note.id);
    await request(app)
      .post(`/notes/${note.id}/lines`)
      .set('Prefer', 'return=representation')
      .send({ line: 'x' })
      .expect(404);
  });

  it('should read the preference among others and in quotes', async () => {
    const { app, place } = createShop();
    const order = place();
    const response = await request(app)
      .patch(`/orders/${order.id}`)
      .set('Prefer', 'handling=strict, return="representation"')
      .send({ quantity: 3 })
      .expect(200);
    expect(response.body.quantity).to.equal(3);
  });
});
