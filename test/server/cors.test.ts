import { expect } from 'chai';
import request from 'supertest';
import { createShop } from './support/shop.js';

describe('CORS', () => {
  it('should be off by default', async () => {
    const { app } = createShop();
    const response = await request(app)
      .get('/')
      .set('Origin', 'https://app.example.com')
      .expect(200);
    expect(response.headers).not.to.have.property('access-control-allow-origin');
    const preflight = await request(app)
      .options('/')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers).not.to.have.property('access-control-allow-origin');
  });

  it('should allow only the listed origins and expose the hypermedia headers', async () => {
    const { app } = createShop({ cors: { origins: ['https://app.example.com'] } });
    const allowed = await request(app)
      .get('/')
      .set('Origin', 'https://app.example.com')
      .expect(200);
    expect(allowed.headers['access-control-allow-origin']).to.equal('https://app.example.com');
    for (const header of ['Location', 'Link', 'ETag'])
      expect(allowed.headers['access-control-expose-headers']).to.include(header);
    const other = await request(app).get('/').set('Origin', 'https://evil.example.com').expect(200);
    expect(other.headers).not.to.have.property('access-control-allow-origin');
  });

  it('should answer preflights for allowed origins with the request headers clients send', async () => {
    const { app } = createShop({ cors: { origins: ['https://app.example.com'] } });
    const preflight = await request(app)
      .options('/')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'Idempotency-Key, If-Match');
    expect(preflight.status).to.be.within(200, 204);
    expect(preflight.headers['access-control-allow-headers']).to.include('Idempotency-Key');
    expect(preflight.headers['access-control-allow-methods']).to.include('PATCH');
  });

  it('should refuse an allowlist entry that is not an origin', () => {
    expect(() => createShop({ cors: { origins: ['https://app.example.com/path'] } })).to.throw(
      TypeError,
      /origin/,
    );
  });
});
