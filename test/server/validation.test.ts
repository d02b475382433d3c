import { expect } from 'chai';
import request from 'supertest';
import { readHal, validateForm } from '@halway/hal';
import { problemType } from '@halway/server';
import { createShop } from './support/shop.js';

describe('action input validation', () => {
  it('should answer 422 with every invalid field as a JSON pointer and the template name', async () => {
    const { app } = createShop();
    const response = await request(app)
      .post('/')
      .send({ size: 'huge', quantity: 11, extras: ['milk', 'sugar', 'cream'], colour: 'red' })
      .expect(422);
    expect(response).to.be.problem({
      status: 422,
      type: problemType('INVALID_INPUT'),
      fields: ['drink', 'size', 'quantity', 'extras', 'colour'],
    });
    expect(response.body.template).to.equal('place-order');
    const byField = Object.fromEntries(
      response.body.errors.map((error: { field: string; pointer: string; constraint: string }) => [
        error.field,
        [error.pointer, error.constraint],
      ]),
    );
    expect(byField).to.deep.equal({
      drink: ['/drink', 'required'],
      size: ['/size', 'options'],
      quantity: ['/quantity', 'max'],
      extras: ['/extras', 'maxItems'],
      colour: ['/colour', 'unknown'],
    });
  });

  it('should phrase each field problem exactly as the shared form model does', async () => {
    const { app } = createShop();
    const home = await request(app).get('/');
    const template = readHal(home.body, 'http://shop.test/').template('place-order')!;
    const values = { drink: 'latte', quantity: 2.5, location: 'on-the-moon', note: 'x'.repeat(41) };
    const expected = validateForm(template, values).map((error) => [
      error.field,
      error.constraint,
      error.message,
    ]);
    const response = await request(app).post('/').send(values).expect(422);
    const actual = response.body.errors.map(
      (error: { field: string; constraint: string; detail: string }) => [
        error.field,
        error.constraint,
        error.detail,
      ],
    );
    expect(actual).to.deep.equal(expected);
    expect(actual).to.deep.include(['quantity', 'step', 'must be a whole number']);
  });

  it('should accept urlencoded bodies, coercing strings to the schema types', async () => {
    const { app, orders } = createShop();
    await request(app).post('/').type('form').send('drink=tea&quantity=3&extras=milk').expect(201);
    const [order] = [...orders.values()];
    expect(order).to.include({ drink: 'tea', quantity: 3, size: 'medium', location: 'take-away' });
    expect(order?.extras).to.deep.equal(['milk']);
  });

  it('should apply schema defaults before the handler runs', async () => {
    const { app, orders } = createShop();
    await request(app).post('/').send({ drink: 'espresso' }).expect(201);
    expect([...orders.values()][0]).to.include({
      size: 'medium',
      quantity: 1,
      location: 'take-away',
    });
  });

  it('should check a regex and refuse a changed read-only field', async () => {
    const { app, place } = createShop();
    const order = place({ total: 7 });
    const bad = await request(app)
      .post(`/orders/${order.id}/payment`)
      .type('form')
      .send('card=1234&amount=0.01')
      .expect(422);
    expect(
      bad.body.errors.map(
        (error: { field: string; constraint: string }) => `${error.field}:${error.constraint}`,
      ),
    ).to.deep.equal(['card:regex', 'amount:readOnly']);
    await request(app)
      .post(`/orders/${order.id}/payment`)
      .type('form')
      .send('card=1234567812345678&amount=7')
      .expect(204);
    expect(order.status).to.equal('paid');
  });

  it('should validate before the handler runs, leaving the state untouched', async () => {
    const { app, place } = createShop();
    const order = place();
    await request(app).patch(`/orders/${order.id}`).send({ quantity: 0 }).expect(422);
    expect(order.quantity).to.equal(1);
  });

  it('should accept time and date-time values as HTML inputs send them, and RFC 3339 ones', async () => {
    const { createService, defineHome } = await import('@halway/server');
    const seen: unknown[] = [];
    const app = createService({
      resources: [
        defineHome().action('book', {
          method: 'POST',
          input: {
            type: 'object',
            properties: {
              at: { type: 'string', format: 'time' },
              on: { type: 'string', format: 'date-time' },
            },
          } as const,
          handle: ({ input }) => void seen.push(input),
        }),
      ],
    });
    const home = await request(app).get('/');
    expect(home).to.have.halTemplate('book', {
      properties: { at: { type: 'time' }, on: { type: 'datetime-local' } },
    });
    await request(app).post('/').send({ at: '10:30', on: '2026-11-23T10:30' }).expect(204);
    await request(app)
      .post('/')
      .send({ at: '10:30:15Z', on: '2026-11-23T10:30:00+01:00' })
      .expect(204);
    const bad = await request(app).post('/').send({ at: '25:00', on: '23/11/2026' }).expect(422);
    expect(
      bad.body.errors.map((error: { field: string; detail: string }) => [
        error.field,
        error.detail,
      ]),
    ).to.deep.equal([
      ['at', 'must be a time (HH:MM)'],
      ['on', 'must be a date and time (YYYY-MM-DDTHH:MM)'],
    ]);
    expect(seen).to.have.length(2);
  });
});
