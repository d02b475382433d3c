import { expect } from 'chai';
import request from 'supertest';
import { problemType } from '@halway/server';
import { createShop } from './support/shop.js';

describe('content negotiation', () => {
  it('should serve HAL-FORMS to clients that accept anything', async () => {
    const { app } = createShop();
    for (const accept of [undefined, '*/*', 'application/*']) {
      const call = request(app).get('/');
      const response = await (accept ? call.set('Accept', accept) : call).expect(200);
      expect(response.headers['content-type']).to.equal(
        'application/prs.hal-forms+json; charset=utf-8',
      );
      expect(response.headers.vary).to.equal('Accept');
      expect(response.body).to.have.property('_templates');
    }
  });

  it('should serve plain HAL without templates', async () => {
    const { app, place } = createShop();
    place();
    const response = await request(app)
      .get('/orders')
      .set('Accept', 'application/hal+json')
      .expect(200);
    expect(response.headers['content-type']).to.equal('application/hal+json; charset=utf-8');
    expect(response).to.be.validHal;
    expect(JSON.stringify(response.body)).not.to.include('_templates');
  });

  it('should serve application/json with everything in it', async () => {
    const { app } = createShop();
    const response = await request(app).get('/').set('Accept', 'application/json').expect(200);
    expect(response.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(response.body).to.have.property('_templates');
  });

  it('should follow the client’s quality values', async () => {
    const { app } = createShop();
    const response = await request(app)
      .get('/')
      .set('Accept', 'application/prs.hal-forms+json;q=0.5, application/hal+json')
      .expect(200);
    expect(response.headers['content-type']).to.match(/^application\/hal\+json/);
  });

  it('should answer 406 with the available types when nothing fits', async () => {
    const { app } = createShop();
    const response = await request(app).get('/').set('Accept', 'text/csv').expect(406);
    expect(response).to.be.problem({ status: 406, type: problemType('NOT_ACCEPTABLE') });
    expect(response.body.available).to.deep.equal([
      'application/prs.hal-forms+json',
      'application/hal+json',
      'application/json',
    ]);
    expect(response.headers.vary).to.equal('Accept');
  });
});
