import { expect, use } from 'chai';
import request from 'supertest';
import { problemType } from '@halway/server';
import { halway } from '@halway/testing';
import { app } from './shop.js'; // the service under test: an Express app from createService

use(halway);

describe('an order waiting for payment', () => {
  it('should link to payments and offer what can be done now', async () => {
    const order = await request(app).get('/orders/17');
    expect(order).to.be.validHalForms;
    expect(order).to.have.halLink('payment', { origin: 'http://localhost:4002' });
    expect(order).to.have.halTemplate('update', {
      method: 'PATCH',
      properties: ['size', 'quantity'],
    });
    expect(order).to.have.halTemplate('pay', {
      properties: { amount: { readOnly: true, value: '9' } }, // HAL-FORMS values are strings
    });
    expect(order).not.to.have.halTemplate('collect');
    expect(order).to.have.halEmbedded('items', 2);
  });

  it('should refuse what cannot be done now, and bad input, with problem details', async () => {
    const refused = await request(app).post('/orders/17/collection');
    expect(refused).to.be.problem({ status: 409, type: problemType('ACTION_NOT_ALLOWED') });
    expect(await request(app).post('/').send({})).to.be.problem({ status: 422, fields: ['drink'] });
  });
});
