import { expect } from 'chai';
import request from 'supertest';
import { encodeForm, readHal } from '@halway/hal';
import { createShop } from './support/shop.js';

describe('HAL-FORMS templates', () => {
  it('should map the place-order schema to properties', async () => {
    const { app } = createShop();
    const response = await request(app).get('/');
    expect(response).to.have.halTemplate('place-order', {
      method: 'POST',
      title: 'Place an order',
      properties: {
        drink: {
          required: true,
          prompt: 'Drink',
          options: { inline: ['latte', 'espresso', 'tea'], maxItems: 1 },
        },
        quantity: { type: 'number', min: 1, max: 10, step: 1, value: '1' },
        location: {
          options: {
            inline: [
              { prompt: 'Take away', value: 'take-away' },
              { prompt: 'In store', value: 'in-store' },
            ],
            maxItems: 1,
            selectedValues: ['take-away'],
          },
        },
        extras: {
          options: { inline: ['milk', 'sugar', 'cream'], maxItems: 2, selectedValues: [] },
        },
        note: { type: 'textarea', rows: 3, cols: 30, maxLength: 40, placeholder: 'No foam' },
      },
    });
  });

  it('should advertise the urlencoded content type when an action asks for it', async () => {
    const { app, place } = createShop();
    const order = place();
    expect(await request(app).get(`/orders/${order.id}`)).to.have.halTemplate('pay', {
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it('should serve a DELETE template whose property travels in the query', async () => {
    const { app, place } = createShop();
    const order = place();
    const response = await request(app).get(`/orders/${order.id}`);
    expect(response).to.have.halTemplate('cancel', {
      method: 'DELETE',
      properties: { reason: { prompt: 'Reason', maxLength: 20 } },
    });
    const cancel = readHal(response.body, response.request.url).template('cancel')!;
    const submission = encodeForm(cancel, { reason: 'changed my mind' });
    expect(submission.body).to.equal(undefined);
    await request(app)
      .delete(new URL(submission.url).pathname + new URL(submission.url).search)
      .expect(204);
    expect(order).to.include({ status: 'cancelled', cancelReason: 'changed my mind' });
  });

  it('should validate a DELETE template’s query', async () => {
    const { app, place } = createShop();
    const order = place();
    const response = await request(app)
      .delete(`/orders/${order.id}?reason=${'x'.repeat(21)}`)
      .expect(422);
    expect(response).to.be.problem({ fields: ['reason'] });
    expect(order.status).to.equal('payment-expected');
  });

  it('should give a navigation form a templated target that leads to the resource', async () => {
    const { app, place } = createShop();
    const order = place();
    const home = await request(app).get('/').set('Host', 'shop.test');
    expect(home).to.have.halTemplate('find-order', {
      method: 'GET',
      target: 'http://shop.test/orders/{id}',
      properties: { id: { required: true, regex: '^\\d+$' } },
    });
    const find = readHal(home.body, home.request.url).template('find-order')!;
    const submission = encodeForm(find, { id: order.id });
    const found = await request(app).get(new URL(submission.url).pathname).expect(200);
    expect(found.body.drink).to.equal('latte');
  });

  it('should put a created resource’s URL in Location', async () => {
    const { app } = createShop();
    const response = await request(app).post('/').send({ drink: 'tea' }).expect(201);
    expect(response.headers.location).to.equal('/orders/1');
  });
});
