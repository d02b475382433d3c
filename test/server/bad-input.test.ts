import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { MAX_JSON_DEPTH, problemType, serve } from '@halway/server';
import { rawExchange } from './support/raw.js';
import { createShop } from './support/shop.js';

describe('bad input', () => {
  it('should answer a bad percent-escape in a path parameter with a 400 problem', async () => {
    const { app } = createShop();
    for (const path of ['/orders/abc%', '/orders/%E0%A4%A', '/orders/%zz']) {
      const response = await request(app).get(path).expect(400);
      expect(response).to.be.problem({ status: 400, type: problemType('BAD_REQUEST') });
    }
  });

  it('should answer a body that is not what its Content-Encoding says with a 400 problem', async () => {
    const { app } = createShop();
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const response = await request(app)
        .post('/')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send('{"drink":"tea"}')
        .expect(400);
      expect(response).to.be.problem({ status: 400, type: problemType('MALFORMED_BODY') });
      expect(response.body.detail).to.include(encoding);
    }
  });

  it('should still read a body that really is gzip', async () => {
    const { app } = createShop();
    await request(app)
      .post('/')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((body: Buffer) => body as unknown as string)
      .send(gzipSync('{"drink":"tea"}'))
      .expect(201);
  });

  it('should answer 415 for an encoding it cannot decode', async () => {
    const { app } = createShop();
    const response = await request(app)
      .post('/')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'zstd-of-the-future')
      .send('{"drink":"tea"}')
      .expect(415);
    expect(response).to.be.problem({ type: problemType('UNSUPPORTED_MEDIA_TYPE') });
  });

  it('should answer JSON nested past the bound with 400 at any depth, and accept it at the bound', async () => {
    const { app } = createShop();
    for (const depth of [MAX_JSON_DEPTH + 1, 2_300, 40_000]) {
      const body = `{"drink":"tea","note":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
      const response = await request(app)
        .post('/')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(response).to.be.problem({ type: problemType('MALFORMED_BODY') });
      expect(response.body.detail).to.include(String(MAX_JSON_DEPTH));
    }
    // Brackets inside strings are text, not nesting.
    const atBound = `{"drink":"tea","note":"${'['.repeat(40)}","x":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    const response = await request(app)
      .post('/')
      .set('Content-Type', 'application/json')
      .send(atBound)
      .expect(422);
    expect(response).to.be.problem({ type: problemType('INVALID_INPUT') });
  });

  it('should answer a form body with too many fields with a 413 problem', async () => {
    const { app } = createShop();
    const body = Array.from({ length: 1_200 }, (_, index) => `f${index}=1`).join('&');
    const response = await request(app).post('/').type('form').send(body).expect(413);
    expect(response).to.be.problem({ type: problemType('PAYLOAD_TOO_LARGE') });
  });

  for (const [where, count, start] of [
    ['under Node’s own bound', 1_200, plainServer],
    ['under serve()’s bound', 150, servedOn],
  ] as const) {
    it(`should refuse a request with more header fields than the server reads, ${where}, never drop its Content-Length`, async () => {
      const { app, place } = createShop();
      const order = place();
      const { port, close } = await start(app);
      try {
        const filler = Array.from({ length: count }, (_, index) => `x${index}:v\r\n`).join('');
        const body = '{"quantity":3}';
        const head = `PATCH /orders/${order.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`;
        const answer = await rawExchange(
          port,
          `${head}${filler}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        expect(answer).to.match(/^HTTP\/1\.1 431 /);
        expect(answer).to.include('application/problem+json');
        expect(answer).to.include(problemType('HEADERS_TOO_LARGE'));
        expect(order.quantity).to.equal(1);
        // The same request with few enough fields is read whole.
        const fewer = await rawExchange(
          port,
          `${head}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        expect(fewer).to.match(/^HTTP\/1\.1 204 /);
        expect(order.quantity).to.equal(3);
      } finally {
        await close();
      }
    });
  }
});

async function plainServer(app: RequestListener) {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function servedOn(app: RequestListener) {
  return serve(app, { host: '127.0.0.1', signals: false });
}
