import { expect } from 'chai';
import request from 'supertest';
import { createJsonLogger, type Logger } from '@halway/server';
import { createShop } from './support/shop.js';

describe('request logging', () => {
  it('should log one structured entry per request with method, URL, status, time and request id', async () => {
    const lines: string[] = [];
    const { app } = createShop({
      logger: createJsonLogger({ service: 'shop' }, (line) => lines.push(line)),
    });
    const response = await request(app).get('/orders?page=1').expect(200);
    expect(lines).to.have.length(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).to.include({
      level: 'info',
      msg: 'request',
      service: 'shop',
      method: 'GET',
      url: '/orders?page=1',
      status: 200,
    });
    expect(entry.requestId).to.equal(response.headers['x-request-id']);
    expect(entry.ms).to.be.a('number');
  });

  it('should keep a sane incoming request id and replace an unsafe one', async () => {
    const { app } = createShop();
    expect(
      (await request(app).get('/').set('X-Request-Id', 'abc-123')).headers['x-request-id'],
    ).to.equal('abc-123');
    expect(
      (await request(app).get('/').set('X-Request-Id', 'bad id\twith spaces')).headers[
        'x-request-id'
      ],
    ).to.match(/^[0-9a-f-]{36}$/);
  });

  it('should be quiet in tests when given no logger', async () => {
    const written: unknown[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: unknown) => written.push(chunk) > 0;
    try {
      const { app } = createShop({ logger: undefined });
      await request(app).get('/');
    } finally {
      process.stdout.write = original;
    }
    expect(written).to.deep.equal([]);
  });

  it('should accept any logger implementation', async () => {
    const seen: string[] = [];
    const logger: Logger = { info: (message) => seen.push(message), warn() {}, error() {} };
    const { app } = createShop({ logger });
    await request(app).get('/');
    expect(seen).to.deep.equal(['request']);
  });
});
