import { expect } from 'chai';
import request from 'supertest';
import { createJsonLogger, problemType } from '@halway/server';
import { createShop } from './support/shop.js';

describe('problem responses', () => {
  it('should answer 400 for malformed JSON', async () => {
    const { app } = createShop();
    const response = await request(app)
      .post('/')
      .set('Content-Type', 'application/json')
      .send('{"drink": ')
      .expect(400);
    expect(response).to.be.problem({ status: 400, type: problemType('MALFORMED_BODY') });
    expect(response.body.detail).to.match(/not valid JSON/);
  });

  it('should refuse bodies that try to pollute prototypes', async () => {
    const { app } = createShop();
    for (const body of [
      '{"drink":"tea","__proto__":{"polluted":true}}',
      '{"drink":"tea","constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const response = await request(app)
        .post('/')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(response).to.be.problem({ type: problemType('MALFORMED_BODY') });
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    }
  });

  it('should answer 404 with a problem, never an HTML page', async () => {
    const { app } = createShop();
    for (const path of ['/nowhere', '/orders/999', '/orders/1/2/3']) {
      const response = await request(app).get(path).expect(404);
      expect(response).to.be.problem({ status: 404, type: problemType('NOT_FOUND') });
    }
  });

  it('should answer 413 for a body over the limit', async () => {
    const { app } = createShop({ bodyLimit: 100 });
    const response = await request(app)
      .post('/')
      .send({ drink: 'tea', note: 'x'.repeat(200) })
      .expect(413);
    expect(response).to.be.problem({ status: 413, type: problemType('PAYLOAD_TOO_LARGE') });
  });

  it('should answer 415 for a body in another media type', async () => {
    const { app } = createShop();
    const response = await request(app)
      .post('/')
      .set('Content-Type', 'text/plain')
      .send('drink=tea')
      .expect(415);
    expect(response).to.be.problem({ status: 415, type: problemType('UNSUPPORTED_MEDIA_TYPE') });
  });

  it('should accept a bodiless submission to an action without input', async () => {
    const { app, place } = createShop();
    const order = place({ status: 'ready' });
    await request(app).post(`/orders/${order.id}/collection`).expect(204);
  });

  it('should send problems thrown by handlers with their extensions', async () => {
    const { app, place } = createShop();
    const order = place();
    const response = await request(app).post(`/orders/${order.id}/refuse`).expect(409);
    expect(response).to.be.problem({ status: 409, type: problemType('CONFLICT') });
    expect(response.body).to.include({ detail: 'The kitchen is closed', reopensAt: '07:00' });
  });

  it('should answer 500 without leaking the error, and log it with the request id', async () => {
    const lines: string[] = [];
    const { app, place } = createShop({ logger: createJsonLogger({}, (line) => lines.push(line)) });
    const order = place();
    const response = await request(app).post(`/orders/${order.id}/explode`).expect(500);
    expect(response).to.be.problem({ status: 500, type: problemType('INTERNAL_ERROR') });
    expect(response.text).not.to.include('hunter2');
    expect(response.text).not.to.match(/at .*\.ts:\d+/);
    const logged = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.level === 'error');
    expect(response.body.requestId).to.equal(response.headers['x-request-id']);
    expect(logged?.requestId).to.equal(response.headers['x-request-id']);
    expect(JSON.stringify(logged)).to.include('hunter2');
  });
});
