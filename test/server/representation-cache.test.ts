import { expect } from 'chai';
import request from 'supertest';
import {
  bearerAuthentication,
  createService,
  defineResource,
  type ServiceOptions,
} from '@halway/server';

interface Counter {
  id: string;
  count: number;
  revision: number;
}

/** A counter whose renders are counted, declared `cacheByVersion`. */
function counterService(options: Partial<ServiceOptions> = {}) {
  const counters = new Map<string, Counter>([['a', { id: 'a', count: 0, revision: 1 }]]);
  const renders = { count: 0 };
  const counter = defineResource('/counters/:id', {
    cacheByVersion: true,
    load: ({ params }) => counters.get(params.id),
    version: (state) => state.revision,
    properties: (state) => {
      renders.count++;
      return { count: state.count };
    },
  })
    .action('increment', {
      method: 'POST',
      allow: (caller) => caller?.roles?.includes('staff') === true,
      handle: ({ state }) => {
        counters.set(state.id, { ...state, count: state.count + 1, revision: state.revision + 1 });
      },
    })
    .action('reset', {
      method: 'DELETE',
      when: (state) => state.count > 0,
      handle: ({ state }) => {
        counters.set(state.id, { ...state, count: 0, revision: state.revision + 1 });
      },
    });
  // A fixed origin: supertest listens on a new port per request, and the origin is part of the key.
  const app = createService({
    resources: [counter],
    logger: false,
    publicUrl: 'http://counters.example',
    ...options,
  });
  return { app, renders, counters };
}

const staff = bearerAuthentication({
  'staff-token': { id: 'barista', roles: ['staff'] },
  'guest-token': { id: 'guest' },
});

describe('representation cache (cacheByVersion)', () => {
  it('should render a version once and serve the same bytes and ETag after', async () => {
    const { app, renders } = counterService();
    const first = await request(app).get('/counters/a').expect(200);
    const second = await request(app).get('/counters/a').expect(200);
    expect(renders.count).to.equal(1);
    expect(second.text).to.equal(first.text);
    expect(second.headers.etag).to.equal(first.headers.etag);
    await request(app).get('/counters/a').set('If-None-Match', first.headers.etag!).expect(304);
    await request(app).head('/counters/a').expect(200);
    expect(renders.count).to.equal(1);
  });

  it('should render again when the version changes, and show the new state', async () => {
    const { app, renders } = counterService({ authentication: staff });
    const before = await request(app).get('/counters/a').expect(200);
    await request(app).post('/counters/a').set('Authorization', 'Bearer staff-token').expect(204);
    const after = await request(app).get('/counters/a').expect(200);
    expect(after.body.count).to.equal(1);
    expect(after.headers.etag).to.not.equal(before.headers.etag);
    expect(renders.count).to.equal(2);
  });

  it("should never serve one caller's view to another", async () => {
    const { app } = counterService({ authentication: staff });
    for (let round = 0; round < 2; round++) {
      const asStaff = await request(app)
        .get('/counters/a')
        .set('Authorization', 'Bearer staff-token')
        .expect(200);
      const asGuest = await request(app)
        .get('/counters/a')
        .set('Authorization', 'Bearer guest-token')
        .expect(200);
      const anonymous = await request(app).get('/counters/a').expect(200);
      expect(Object.keys(asStaff.body._templates)).to.deep.equal(['increment']);
      expect(asGuest.body).to.not.have.nested.property('_templates.increment');
      expect(anonymous.body).to.not.have.nested.property('_templates.increment');
    }
  });

  it('should keep media types and origins apart', async () => {
    const { app } = counterService({ publicUrl: undefined });
    const get = (accept: string, host: string) =>
      request(app).get('/counters/a').set('Accept', accept).set('Host', host).expect(200);
    for (let round = 0; round < 2; round++) {
      const forms = await get('application/prs.hal-forms+json', 'a.example');
      const hal = await get('application/hal+json', 'a.example');
      const elsewhere = await get('application/prs.hal-forms+json', 'b.example:8080');
      expect(forms.headers['content-type']).to.match(/hal-forms/);
      expect(hal.headers['content-type']).to.match(/^application\/hal\+json/);
      expect(forms.body._links.self.href).to.equal('http://a.example/counters/a');
      expect(elsewhere.body._links.self.href).to.equal('http://b.example:8080/counters/a');
    }
  });

  it('should render states without a version every time', async () => {
    const renders = { count: 0 };
    const clock = defineResource('/clock', {
      cacheByVersion: true,
      load: () => ({ at: renders.count }),
      properties: (state) => {
        renders.count++;
        return state;
      },
    });
    const app = createService({
      resources: [clock],
      logger: false,
      publicUrl: 'http://clock.example',
    });
    await request(app).get('/clock').expect(200);
    const second = await request(app).get('/clock').expect(200);
    expect(renders.count).to.equal(2);
    expect(second.body.at).to.equal(1);
  });

  it('should refuse cacheByVersion together with prepare at start-up', () => {
    const payment = defineResource('/payments/:id', {
      cacheByVersion: true,
      prepare: () => ({ total: 9 }),
      load: () => ({ id: '1' }),
    });
    expect(() => createService({ resources: [payment], logger: false })).to.throw(
      TypeError,
      /both "cacheByVersion" and "prepare"/,
    );
  });

  it('should refuse a representationCacheBytes that is not a positive number', () => {
    const { app } = counterService();
    expect(app).to.be.a('function');
    expect(() =>
      createService({
        resources: [defineResource('/', {})],
        logger: false,
        representationCacheBytes: 0,
      }),
    ).to.throw(TypeError, /representationCacheBytes must be a positive number of bytes/);
  });

  it('should stay within its byte bound: oldest replies go first, huge ones are not kept', async () => {
    const renders = new Map<string, number>();
    const page = defineResource('/pages/:id', {
      cacheByVersion: true,
      load: ({ params }) => ({ id: params.id }),
      version: () => 1,
      properties: (state) => {
        renders.set(state.id, (renders.get(state.id) ?? 0) + 1);
        return { text: (state.id === 'huge' ? 'y' : 'x').repeat(state.id === 'huge' ? 2000 : 300) };
      },
    });
    // 8 KiB: about a dozen 300-byte pages; a 2000-byte page is more than an eighth of it.
    const app = createService({
      resources: [page],
      logger: false,
      publicUrl: 'http://pages.example',
      representationCacheBytes: 8192,
    });
    for (let index = 0; index < 40; index++) await request(app).get(`/pages/${index}`).expect(200);
    await request(app).get('/pages/39').expect(200);
    expect(renders.get('39')).to.equal(1);
    await request(app).get('/pages/0').expect(200);
    expect(renders.get('0')).to.equal(2);
    await request(app).get('/pages/huge').expect(200);
    await request(app).get('/pages/huge').expect(200);
    expect(renders.get('huge')).to.equal(2);
  });
});
