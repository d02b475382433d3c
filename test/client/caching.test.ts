import { expect } from 'chai';
import { createClient, type Clock, type Hop } from '@halway/client';
import { sendHal, startService, type TestService } from './support/service.js';

/** A clock the test moves by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = Date.parse('2026-01-01T00:00:00Z');
  return {
    now: () => now,
    sleep: async () => undefined,
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('HTTP caching', () => {
  let service: TestService;
  let gate: { open(): void; arrived: Promise<void> } | undefined;
  const things: Record<string, { name: string; description: string }> = {};

  const thing = (id: string) => ({
    _links: { self: { href: `/things/${id}` } },
    ...things[id],
  });

  before(async () => {
    service = await startService('127.0.0.1');
    const { app } = service;
    app.get('/fresh', (req, res) => sendHal(req, res, { n: 1 }, { cacheControl: 'max-age=60' }));
    app.get('/stale', (req, res) => sendHal(req, res, { n: 2 }, { cacheControl: 'max-age=0' }));
    app.get('/ttl', (req, res) => sendHal(req, res, { n: 3 }, { cacheControl: 'max-age=10' }));
    app.get('/nostore', (req, res) => sendHal(req, res, { n: 4 }, { cacheControl: 'no-store' }));
    app.get('/things', (req, res) =>
      sendHal(
        req,
        res,
        {
          _links: { self: { href: '/things' }, item: { href: '/things/1' } },
          // A partial copy: the canonical /things/1 also has a description.
          _embedded: { item: { _links: { self: { href: '/things/1' } }, name: things['1']!.name } },
          _templates: {
            rename: { method: 'PUT', target: '/things/1', properties: [{ name: 'name' }] },
            a: { method: 'POST', target: '/actions/a' },
            b: { method: 'POST', target: '/actions/b' },
            c: { method: 'POST', target: '/actions/c' },
          },
        },
        { cacheControl: 'max-age=60' },
      ),
    );
    app.get('/things/:id', (req, res) =>
      sendHal(req, res, thing(req.params.id), { cacheControl: 'max-age=60' }),
    );
    app.put('/things/1', (req, res) => {
      things['1']!.name = req.body.name;
      res.status(204).end();
    });
    app.post('/actions/a', (_req, res) => res.status(204).set('location', '/things/2').end());
    app.post('/actions/b', (req, res) =>
      sendHal(req, res, thing('3'), { headers: { 'content-location': '/things/3' } }),
    );
    app.post('/actions/c', (_req, res) =>
      res.status(204).set('link', '</things/4>; rel="invalidates"').end(),
    );
    app.get('/slow', async (req, res) => {
      gate?.open();
      await new Promise((resolve) => setTimeout(resolve, 20));
      sendHal(req, res, { slow: true });
    });
  });

  after(() => service.close());

  beforeEach(() => {
    service.log.length = 0;
    for (const id of ['1', '2', '3', '4'])
      things[id] = { name: `thing ${id}`, description: 'full' };
  });

  it('should serve a fresh response from the cache with zero requests', async () => {
    const hops: Hop[] = [];
    const client = createClient({ onHop: (hop) => hops.push(hop) });
    await client.go(service.url('/fresh')).get();
    const again = await client.go(service.url('/fresh')).get();
    expect(service.log).to.have.length(1);
    expect(again.source).to.equal('cache');
    expect(again.properties).to.deep.equal({ n: 1 });
    expect(hops.map((hop) => [hop.cache, hop.attempts])).to.deep.equal([
      ['miss', 1],
      ['hit', 0],
    ]);
  });

  it('should revalidate a stale response with If-None-Match and reuse the body on 304', async () => {
    const hops: Hop[] = [];
    const client = createClient({ onHop: (hop) => hops.push(hop) });
    const first = await client.go(service.url('/stale')).get();
    const again = await client.go(service.url('/stale')).get();
    expect(service.log).to.have.length(2);
    expect(service.log[1]?.headers['if-none-match']).to.equal(first.etag);
    expect(again.source).to.equal('revalidated');
    expect(again.status).to.equal(200);
    expect(again.properties).to.deep.equal({ n: 2 });
    expect(hops.map((hop) => [hop.cache, hop.status])).to.deep.equal([
      ['miss', 200],
      ['revalidated', 200],
    ]);
  });

  it('should keep a response fresh for its max-age by the client’s clock', async () => {
    const clock = manualClock();
    const client = createClient({ clock });
    await client.go(service.url('/ttl')).get();
    clock.advance(9_000);
    expect((await client.go(service.url('/ttl')).get()).source).to.equal('cache');
    clock.advance(2_000);
    expect((await client.go(service.url('/ttl')).get()).source).to.equal('revalidated');
    expect(service.log).to.have.length(2);
  });

  it('should judge freshness by each client’s own clock, with clients on several clocks', async () => {
    const [early, late] = [manualClock(), manualClock()];
    late.advance(30_000);
    const [first, second, third] = [
      createClient({ clock: early }),
      createClient({ clock: late }),
      createClient({ clock: early }),
    ];
    for (const client of [first, second, third]) await client.go(service.url('/ttl')).get();
    early.advance(9_000);
    const sources = [];
    for (const client of [first, second, third])
      sources.push((await client.go(service.url('/ttl')).get()).source);
    // 9 s on the early clock is within max-age=10 for both of its clients; the late clock did
    // not move, so its client's copy is as fresh as when it came.
    expect(sources).to.deep.equal(['cache', 'cache', 'cache']);
    late.advance(11_000);
    expect((await second.go(service.url('/ttl')).get()).source).to.equal('revalidated');
    expect((await first.go(service.url('/ttl')).get()).source).to.equal('cache');
  });

  it('should keep nothing with cache: false', async () => {
    const hops: Hop[] = [];
    const client = createClient({ cache: false, onHop: (hop) => hops.push(hop) });
    await client.go(service.url('/fresh')).get();
    await client.go(service.url('/fresh')).get();
    expect(service.log).to.have.length(2);
    expect(hops.map((hop) => hop.cache)).to.deep.equal(['bypass', 'bypass']);
  });

  it('should honour no-store', async () => {
    const client = createClient();
    await client.go(service.url('/nostore')).get();
    await client.go(service.url('/nostore')).get();
    expect(service.log).to.have.length(2);
    expect(service.log[1]?.headers['if-none-match']).to.equal(undefined);
  });

  it('should revalidate on refresh() and reload on cache: reload', async () => {
    const client = createClient();
    await client.go(service.url('/fresh')).get();
    expect((await client.go(service.url('/fresh')).refresh()).source).to.equal('revalidated');
    expect((await client.go(service.url('/fresh')).get({ cache: 'reload' })).source).to.equal(
      'network',
    );
    expect(service.log.map((entry) => entry.headers['if-none-match'] !== undefined)).to.deep.equal([
      false,
      true,
      false,
    ]);
  });

  describe('HalwayClient.fetch()', () => {
    it('should give a plain Response through the cache', async () => {
      const client = createClient();
      const first = await client.fetch(service.url('/fresh'));
      const second = await client.fetch(service.url('/fresh'));
      expect(first.status).to.equal(200);
      expect(await second.json()).to.deep.equal({ n: 1 });
      expect(second.headers.get('etag')).to.equal(first.headers.get('etag'));
      expect(service.log).to.have.length(1);
    });
  });

  describe('invalidation', () => {
    const count = (path: string) => service.requests('GET', path).length;

    it('should forget a URL on invalidate() and everything on clearCache()', async () => {
      const client = createClient();
      await client.go(service.url('/things/1')).get();
      await client.go(service.url('/things/2')).get();
      client.invalidate(service.url('/things/1'));
      await client.go(service.url('/things/1')).get();
      await client.go(service.url('/things/2')).get();
      expect([count('/things/1'), count('/things/2')]).to.deep.equal([2, 1]);
      client.clearCache();
      await client.go(service.url('/things/2')).get();
      expect(count('/things/2')).to.equal(2);
    });

    it('should invalidate the target of an unsafe request', async () => {
      const client = createClient();
      const before = await client.go(service.url('/things/1')).get();
      expect(before.properties.name).to.equal('thing 1');
      await client.go(service.url('/things')).form('rename').submit({ name: 'renamed' });
      const after = await client.go(service.url('/things/1')).get();
      expect(after.properties.name).to.equal('renamed');
      expect(count('/things/1')).to.equal(2);
    });

    it('should invalidate Location, Content-Location and Link rel=invalidates targets', async () => {
      const client = createClient();
      for (const id of ['2', '3', '4']) await client.go(service.url(`/things/${id}`)).get();
      const list = await client.go(service.url('/things')).get();
      for (const name of ['a', 'b', 'c']) await list.form(name).submit({});
      for (const id of ['2', '3', '4']) await client.go(service.url(`/things/${id}`)).get();
      expect([count('/things/2'), count('/things/3'), count('/things/4')]).to.deep.equal([2, 2, 2]);
    });

    it('should keep other entries', async () => {
      const client = createClient();
      await client.go(service.url('/things/2')).get();
      await client.go(service.url('/things')).form('rename').submit({ name: 'x' });
      await client.go(service.url('/things/2')).get();
      expect(count('/things/2')).to.equal(1);
    });
  });

  describe('Resource.on()', () => {
    it('should tell listeners about new representations and invalidations', async () => {
      const client = createClient();
      const events: string[] = [];
      const resource = client.go(service.url('/things/1'));
      const stopUpdate = resource.on('update', (state) =>
        events.push(`update ${String(state.properties.name)}`),
      );
      resource.on('stale', () => events.push('stale'));
      await resource.get();
      await resource.get();
      await client.go(service.url('/things')).form('rename').submit({ name: 'renamed' });
      await resource.get();
      stopUpdate();
      await client.go(service.url('/things')).form('rename').submit({ name: 'again' });
      await resource.get();
      expect(events).to.deep.equal(['update thing 1', 'stale', 'update renamed', 'stale']);
    });

    it('should refuse an unknown event', () => {
      const resource = createClient().go(service.url('/things/1'));
      expect(() => resource.on('change' as 'stale', () => undefined)).to.throw(TypeError);
    });
  });

  describe('embedded snapshots', () => {
    it('should keep a partial embedded copy beside, never over, the canonical state', async () => {
      const client = createClient();
      const canonical = await client.go(service.url('/things/1')).get();
      expect(canonical.properties).to.deep.equal({ name: 'thing 1', description: 'full' });

      const followed = await client.go(service.url('/things')).follow('item');
      const snapshot = await followed.get();
      expect(snapshot.source).to.equal('embedded');
      expect(snapshot.properties).to.deep.equal({ name: 'thing 1' });

      const again = await client.go(service.url('/things/1')).get();
      expect(again.source).to.equal('cache');
      expect(again.properties).to.deep.equal({ name: 'thing 1', description: 'full' });
      expect(service.requests('GET', '/things/1')).to.have.length(1);
    });

    it('should drop a snapshot once its resource is changed', async () => {
      const client = createClient();
      const followed = await client.go(service.url('/things')).follow('item');
      expect(followed.snapshot?.properties.name).to.equal('thing 1');
      await client.go(service.url('/things')).form('rename').submit({ name: 'new name' });
      expect(followed.snapshot).to.equal(undefined);
      const state = await followed.get();
      expect(state.source).to.equal('network');
      expect(state.properties.name).to.equal('new name');
    });
  });

  describe('concurrent GETs', () => {
    it('should merge identical concurrent GETs into one request', async () => {
      let open!: () => void;
      const arrived = new Promise<void>((resolve) => (open = resolve));
      gate = { open, arrived };
      const client = createClient();
      const states = await Promise.all(
        Array.from({ length: 5 }, () => client.go(service.url('/slow')).get()),
      );
      expect(service.requests('GET', '/slow')).to.have.length(1);
      expect(states.map((state) => state.properties.slow)).to.deep.equal([
        true,
        true,
        true,
        true,
        true,
      ]);
    });

    it('should let one caller abort without cancelling the others', async () => {
      let open!: () => void;
      const arrived = new Promise<void>((resolve) => (open = resolve));
      gate = { open, arrived };
      const client = createClient();
      const controller = new AbortController();
      const aborted = client.go(service.url('/slow')).get({ signal: controller.signal });
      const kept = client.go(service.url('/slow')).get();
      await arrived;
      controller.abort();
      const [first, second] = await Promise.allSettled([aborted, kept]);
      expect(first.status).to.equal('rejected');
      expect((first as PromiseRejectedResult).reason).to.have.property('code', 'ABORTED');
      expect(second.status).to.equal('fulfilled');
      expect(service.requests('GET', '/slow')).to.have.length(1);
    });
  });
});
