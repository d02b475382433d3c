import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createService, defineResource, problemType } from '@halway/server';

function ordersService() {
  const order = defineResource('/orders/:id', {
    load: ({ params }) =>
      params.id === '17' || params.id === 'a b' ? { id: params.id } : undefined,
    properties: (state) => state,
  });
  const search = defineResource('/orders/search', { properties: () => ({ search: true }) });
  return createService({ resources: [order, search], logger: false });
}

describe("Halway's own routes and what is mounted on a service", () => {
  it('should serve its routes with a trailing slash and percent-decoded parameters', async () => {
    const app = ordersService();
    expect((await request(app).get('/orders/17/').expect(200)).body.id).to.equal('17');
    expect((await request(app).get('/orders/a%20b').expect(200)).body.id).to.equal('a b');
    // The literal route wins over the parameter, whatever the declaration order.
    expect((await request(app).get('/orders/search').expect(200)).body.search).to.equal(true);
    // Paths are case-sensitive.
    await request(app).get('/Orders/17').expect(404);
  });

  it('should answer a parameter that is not valid percent-encoding with a 400 problem', async () => {
    const response = await request(ordersService()).get('/orders/%E0%A4%A').expect(400);
    expect(response).to.be.problem({ status: 400, type: problemType('BAD_REQUEST') });
  });

  it("should run Halway's middleware on its routes (request id, nosniff)", async () => {
    const response = await request(ordersService())
      .get('/orders/17')
      .set('X-Request-Id', 'trace-1')
      .expect(200);
    expect(response.headers['x-request-id']).to.equal('trace-1');
    expect(response.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('should route what the user mounts on the service for the paths Halway does not serve', async () => {
    const app = ordersService();
    const seen: string[] = [];
    app.use((incoming, _response, next) => {
      seen.push(incoming.path);
      next();
    });
    app.get('/health', (_request, response) => {
      response.json({ healthy: true });
    });
    app.get('/broken', () => {
      throw new Error('secret detail');
    });
    const health = await request(app).get('/health').expect(200);
    expect(health.body).to.deep.equal({ healthy: true });
    expect(health.headers['x-content-type-options']).to.equal('nosniff');
    const broken = await request(app).get('/broken').expect(500);
    expect(broken).to.be.problem({ status: 500 });
    expect(broken.text).to.not.include('secret detail');
    const nowhere = await request(app).get('/nowhere').expect(404);
    expect(nowhere).to.be.problem({ status: 404, type: problemType('NOT_FOUND') });
    await request(app).get('/orders/17').expect(200);
    // Halway's routes do not go through Express's router, so the user's middleware skips them.
    expect(seen).to.deep.equal(['/health', '/broken', '/nowhere']);
  });

  it('should run the middleware of an app it is mounted in first, with links under the prefix', async () => {
    const outer = express();
    const seen: string[] = [];
    outer.use((incoming, _response, next) => {
      seen.push(incoming.originalUrl);
      next();
    });
    outer.use('/shop', ordersService());
    const response = await request(outer).get('/shop/orders/17').expect(200);
    expect(response.body._links.self.href).to.match(/\/shop\/orders\/17$/);
    await request(outer).get('/shop/nowhere').expect(404);
    expect(seen).to.deep.equal(['/shop/orders/17', '/shop/nowhere']);
  });

  it("should give handlers Express's request as context.request, on the direct route too", async () => {
    const seen: unknown[] = [];
    const probe = defineResource('/probe/:id', {
      load: ({ request, params }) => {
        seen.push([request.get('x-probe'), request.query.q, request.path, request.params.id]);
        return { id: params.id };
      },
    });
    const app = createService({ resources: [probe], logger: false });
    await request(app).get('/probe/7?q=latte').set('X-Probe', 'yes').expect(200);
    expect(seen).to.deep.equal([['yes', 'latte', '/probe/7', '7']]);
  });

  it("should give an action's handler the whole context: query, Express's request, helpers, state and input", async () => {
    const seen: unknown[] = [];
    const note = defineResource('/notes/:id', {
      load: ({ params }) => ({ id: params.id, text: 'old' }),
      properties: (state) => state,
    }).action('rename', {
      method: 'POST',
      input: { type: 'object', properties: { text: { type: 'string' } } } as const,
      handle: (context) => {
        // Taken out of the context, as authors do: the helpers still work.
        const { absoluteUrl, href, query, request: express, state, input, params, self } = context;
        seen.push({
          query: query.dry,
          header: express.get('x-probe'),
          state: state.text,
          input: input.text,
          params: params.id,
          self,
          href: href(note, { id: '8' }),
          absolute: absoluteUrl('/notes/8'),
        });
      },
    });
    const app = createService({
      resources: [note],
      logger: false,
      publicUrl: 'http://notes.example',
    });
    await request(app)
      .post('/notes/7?dry=yes')
      .set('X-Probe', 'on')
      .send({ text: 'new' })
      .expect(204);
    expect(seen).to.deep.equal([
      {
        query: 'yes',
        header: 'on',
        state: 'old',
        input: 'new',
        params: '7',
        self: '/notes/7',
        href: '/notes/8',
        absolute: 'http://notes.example/notes/8',
      },
    ]);
  });
});
