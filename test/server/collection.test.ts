import { expect } from 'chai';
import request from 'supertest';
import { problemType } from '@halway/server';
import { createShop } from './support/shop.js';

describe('defineCollection', () => {
  function shopWith(count: number) {
    const shop = createShop();
    for (let i = 0; i < count; i++)
      shop.place({ status: i % 2 === 0 ? 'paid' : 'payment-expected' });
    return shop;
  }

  it('should embed a page of items, newest first, each with its own links and templates', async () => {
    const { app } = shopWith(5);
    const response = await request(app).get('/orders').set('Host', 'shop.test').expect(200);
    expect(response).to.be.validHalForms;
    expect(response.body).to.include({ page: 1, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect(response).to.have.halEmbedded('orders', 2);
    const [first] = response.body._embedded.orders;
    expect(first._links.self.href).to.equal('http://shop.test/orders/5');
    expect(first._templates).to.have.property('cancel');
  });

  it('should link first, next and last pages, and prev from the second on', async () => {
    const { app } = shopWith(5);
    const first = await request(app).get('/orders');
    expect(first).to.have.halLink('next', { href: `${origin(first)}/orders?page=2&size=2` });
    expect(first).to.have.halLink('last', { href: `${origin(first)}/orders?page=3&size=2` });
    expect(first).not.to.have.halLink('prev');
    const last = await request(app).get('/orders?page=3');
    expect(last).to.have.halLink('prev', { href: `${origin(last)}/orders?page=2&size=2` });
    expect(last).not.to.have.halLink('next');
    expect(last).to.have.halEmbedded('orders', 1);
  });

  it('should keep search filters and page size in the pagination links', async () => {
    const { app } = shopWith(7);
    const response = await request(app).get('/orders?status=paid&size=3').expect(200);
    expect(response.body.totalItems).to.equal(4);
    expect(response).to.have.halLink('next', {
      href: `${origin(response)}/orders?page=2&size=3&status=paid`,
    });
    expect(response).to.have.halLink('self', {
      href: `${origin(response)}/orders?size=3&status=paid`,
    });
  });

  it('should offer a GET search template whose properties come from the schema', async () => {
    const { app } = shopWith(1);
    const response = await request(app).get('/orders');
    expect(response).to.have.halTemplate('search', {
      method: 'GET',
      target: `${origin(response)}/orders`,
      properties: {
        status: {
          prompt: 'Status',
          options: {
            inline: ['payment-expected', 'paid', 'ready', 'completed', 'cancelled'],
            maxItems: 1,
          },
        },
      },
    });
  });

  it('should give an empty page past the end', async () => {
    const { app } = shopWith(1);
    const response = await request(app).get('/orders?page=9').expect(200);
    expect(response).to.have.halEmbedded('orders', 0);
    expect(response).to.have.halLink('prev', { href: `${origin(response)}/orders?page=1&size=2` });
  });

  it('should answer 400 for a bad page or size and 422 for a bad filter', async () => {
    const { app } = shopWith(1);
    for (const query of ['page=0', 'page=x', 'size=6', 'size=-1']) {
      expect(await request(app).get(`/orders?${query}`).expect(400)).to.be.problem({
        type: problemType('INVALID_QUERY'),
      });
    }
    const filter = await request(app).get('/orders?status=lost').expect(422);
    expect(filter).to.be.problem({ type: problemType('INVALID_INPUT'), fields: ['status'] });
    expect(filter.body.template).to.equal('search');
  });
});

function origin(response: request.Response): string {
  return new URL(response.request.url).origin;
}
