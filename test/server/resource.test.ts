import { expect } from 'chai';
import request from 'supertest';
import { createService, defineResource, problemType } from '@halway/server';
import { createShop } from './support/shop.js';

describe('defineResource', () => {
  describe('state-driven templates', () => {
    it('should offer exactly the actions the state allows', async () => {
      const { app, place } = createShop();
      const order = place();
      const response = await request(app).get(`/orders/${order.id}`).expect(200);
      expect(response).to.be.validHalForms;
      expect(Object.keys(response.body._templates)).to.deep.equal([
        'update',
        'pay',
        'cancel',
        'explode',
        'refuse',
      ]);

      order.status = 'ready';
      const ready = await request(app).get(`/orders/${order.id}`).expect(200);
      expect(ready).to.have.halTemplate('collect', {
        method: 'POST',
        target: `${new URL(ready.request.url).origin}/orders/${order.id}/collection`,
      });
      expect(ready).not.to.have.halTemplate('update');
      expect(ready).not.to.have.halTemplate('pay');
      expect(ready).not.to.have.halTemplate('cancel');
    });

    it('should make links come and go with the state', async () => {
      const { app, place } = createShop();
      const order = place();
      expect(await request(app).get(`/orders/${order.id}`)).not.to.have.halLink('receipt');
      order.status = 'paid';
      expect(await request(app).get(`/orders/${order.id}`)).to.have.halLink('receipt');
    });

    it('should prefill edit forms from the current state', async () => {
      const { app, place } = createShop();
      const order = place({ size: 'large', quantity: 3, total: 10.5 });
      const response = await request(app).get(`/orders/${order.id}`);
      expect(response).to.have.halTemplate('update', {
        method: 'PATCH',
        properties: {
          size: {
            value: 'large',
            options: {
              inline: ['small', 'medium', 'large'],
              maxItems: 1,
              selectedValues: ['large'],
            },
          },
          quantity: { value: '3' },
        },
      });
      expect(response).to.have.halTemplate('pay', {
        properties: { amount: { readOnly: true, value: '10.5' } },
      });
    });

    it('should keep template names as declared: nothing is renamed default', async () => {
      const { app } = createShop();
      const response = await request(app).get('/');
      expect(Object.keys(response.body._templates)).to.deep.equal(['place-order', 'find-order']);
    });
  });

  describe('guards', () => {
    it('should refuse an action the state does not allow with 409 naming what is allowed now', async () => {
      const { app, place } = createShop();
      const order = place({ status: 'paid' });
      const response = await request(app)
        .patch(`/orders/${order.id}`)
        .send({ quantity: 2 })
        .expect(409);
      expect(response).to.be.problem({ status: 409, type: problemType('ACTION_NOT_ALLOWED') });
      expect(response.body).to.include({ action: 'update' });
      expect(response.body.allowed).to.deep.equal(['cancel', 'explode', 'refuse']);
      expect(order.quantity).to.equal(1);
    });

    it('should run an allowed action and change the state', async () => {
      const { app, place } = createShop();
      const order = place({ status: 'ready' });
      await request(app).post(`/orders/${order.id}/collection`).expect(204);
      expect(order.status).to.equal('completed');
      const again = await request(app).post(`/orders/${order.id}/collection`).expect(409);
      expect(again.body.allowed).to.deep.equal(['explode', 'refuse']);
    });
  });

  describe('OPTIONS and 405', () => {
    it('should list in Allow the methods the current state allows', async () => {
      const { app, place } = createShop();
      const order = place();
      const open = await request(app).options(`/orders/${order.id}`).expect(204);
      expect(open.headers.allow).to.equal('GET, HEAD, PATCH, DELETE, OPTIONS');
      order.status = 'ready';
      const ready = await request(app).options(`/orders/${order.id}`).expect(204);
      expect(ready.headers.allow).to.equal('GET, HEAD, OPTIONS');
      expect((await request(app).options(`/orders/${order.id}/collection`)).headers.allow).to.equal(
        'POST, OPTIONS',
      );
    });

    it('should answer 405 with Allow for a method no action serves', async () => {
      const { app, place } = createShop();
      const order = place();
      const response = await request(app).put(`/orders/${order.id}`).send({}).expect(405);
      expect(response).to.be.problem({ status: 405, type: problemType('METHOD_NOT_ALLOWED') });
      expect(response.headers.allow).to.equal('GET, HEAD, PATCH, DELETE, OPTIONS');
      const onAction = await request(app).get(`/orders/${order.id}/payment`).expect(405);
      expect(onAction.headers.allow).to.equal('POST, OPTIONS');
    });

    it('should answer 404 for OPTIONS on a resource that does not exist', async () => {
      const { app } = createShop();
      expect(await request(app).options('/orders/999').expect(404)).to.be.problem({ status: 404 });
    });
  });

  describe('seeOther', () => {
    it('should answer GET on a lookup resource with 303 to what it finds, and 404 when nothing', async () => {
      const orders = new Map([['x', '/orders/7']]);
      const lookup = defineResource('/find', {
        query: ['ref'],
        load: ({ params }) => (params.ref ? orders.get(params.ref) : undefined),
        seeOther: (href) => href,
      });
      const app = createService({ resources: [lookup] });
      const found = await request(app).get('/find?ref=x').expect(303);
      expect(found.headers.location).to.equal('/orders/7');
      expect(await request(app).get('/find?ref=y').expect(404)).to.be.problem({ status: 404 });
    });
  });

  describe('HEAD', () => {
    it('should answer like GET without a body', async () => {
      const { app, place } = createShop();
      const order = place();
      const response = await request(app).head(`/orders/${order.id}`).expect(200);
      expect(response.headers['content-type']).to.match(/^application\/prs\.hal-forms\+json/);
      expect(response.text).to.equal(undefined);
    });
  });
});
