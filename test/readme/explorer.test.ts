import { expect } from 'chai';
import request from 'supertest';
import { app } from './explorer/enable.js';

describe('@halway/explorer README', () => {
  it('should serve the explorer to browsers and HAL to programs with the one line it shows', async () => {
    const page = await request(app).get('/').set('Accept', 'text/html').expect(200);
    expect(page.text).to.match(/<script[^>]+\/_explorer\//);
    expect(page.text).to.include('localhost:4002');
    const hal = await request(app).get('/').set('Accept', 'application/hal+json').expect(200);
    expect(hal.body._links.self.href).to.match(/\/$/);
  });
});
