// In Node, a client on the platform's fetch sends its requests through node:http instead (much
// cheaper per request). These tests hold it to fetch's behaviour: a client given a fetch of its
// own (which goes through fetch) is the reference, and both must look the same to a server and
// give the same answers.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { expect } from 'chai';
import {
  NetworkError,
  basicAuth,
  bearerAuth,
  createClient,
  setHeaders,
  type HalwayClient,
} from '@halway/client';
import { sendHal, startService, type TestService } from './support/service.js';

const document = { _links: { self: { href: '/doc' } }, name: 'Ada', note: 'é'.repeat(50) };
/** Bodies by name: the Content-Encoding they are sent with, and how they are made. */
const compressors: Record<string, [string, (body: Buffer) => Buffer]> = {
  gzip: ['gzip', gzipSync],
  deflate: ['deflate', deflateSync],
  'raw-deflate': ['deflate', deflateRawSync],
  br: ['br', brotliCompressSync],
};

describe('the transport in Node', () => {
  let service: TestService;
  let direct: HalwayClient;
  let throughFetch: HalwayClient;
  const viaFetch: string[] = [];

  before(async () => {
    service = await startService('127.0.0.1');
    const { app } = service;
    app.get('/doc', (req, res) => sendHal(req, res, document));
    app.post('/doc', (req, res) => sendHal(req, res, document, { status: 201 }));
    app.patch('/doc', (_req, res) => res.status(204).end());
    app.delete('/doc', (_req, res) => res.status(204).end());
    for (const [name, [coding, compress]] of Object.entries(compressors)) {
      app.get(`/compressed/${name}`, (_req, res) => {
        res.set('content-encoding', coding);
        res.type('application/hal+json').send(compress(Buffer.from(JSON.stringify(document))));
      });
    }
    app.get('/headers', (req, res) => {
      // Express's own 304 ignores If-None-Match on a request with Cache-Control: no-cache.
      res.setHeader('ETag', '"h1"');
      if (req.headers['if-none-match'] === '"h1"') return void res.status(304).end();
      res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2']);
      res.setHeader('X-Many', ['one', 'two']);
      res.setHeader('x-Spaced', '  padded value ');
      res.setHeader('Vary', 'Accept');
      res.append('Vary', 'Origin');
      res.type('application/hal+json').send(JSON.stringify(document));
    });
    app.get('/cut', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': '1000' });
      res.write('{"_links":');
      setTimeout(() => req.socket.destroy(), 20);
    });
  });
  after(() => service.close());
  beforeEach(() => {
    service.log.length = 0;
    viaFetch.length = 0;
    direct = createClient({ retry: false });
    throughFetch = createClient({
      retry: false,
      fetch: (input, init) => {
        viaFetch.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
  });

  /** What the server saw of the last request, without what differs between any two requests. */
  const lastSeen = () => {
    const { method, url, headers, body } = service.log.at(-1)!;
    const { host: _host, 'idempotency-key': _key, ...rest } = headers;
    return { method, url, headers: rest, body };
  };

  it('should send what fetch sends, with and without a body, with and without middlewares', async () => {
    const walk = async (client: HalwayClient) => {
      const seen = [];
      const state = await client.go(service.url('/doc')).get();
      seen.push(lastSeen());
      await client.go(service.url('/doc')).get({ cache: 'no-cache' });
      seen.push(lastSeen());
      for (const method of ['POST', 'PATCH', 'DELETE']) {
        const body = method === 'POST' ? JSON.stringify({ name: 'Ada' }) : undefined;
        const headers: Record<string, string> =
          body === undefined ? {} : { 'content-type': 'application/json' };
        if (method === 'PATCH') headers['if-match'] = '"1"';
        await client.fetch(service.url('/doc'), { method, body, headers });
        seen.push(lastSeen());
      }
      await client.fetch(service.url('/doc'), { method: 'POST', body: 'plain' });
      seen.push(lastSeen());
      return { seen, state: state.properties };
    };
    const reference = await walk(throughFetch);
    expect(viaFetch).to.have.length(6);
    expect(await walk(direct)).to.deep.equal(reference);
    expect(reference.seen[1]!.headers['if-none-match']).to.be.a('string');

    const origin = { origin: service.origin };
    throughFetch.use(bearerAuth('t0k3n'), origin);
    direct.use(bearerAuth('t0k3n'), origin);
    const withToken = await walk(throughFetch);
    expect(withToken.seen[0]!.headers.authorization).to.equal('Bearer t0k3n');
    expect(await walk(direct)).to.deep.equal(withToken);

    // A middleware that sends a request of its own: fetch sends it.
    const replacing = { origin: service.origin };
    const replace = (request: Request, next: (request: Request) => Promise<Response>) =>
      next(
        new Request(request, { headers: { ...Object.fromEntries(request.headers), 'x-a': '1' } }),
      );
    throughFetch.use(replace, replacing);
    direct.use(replace, replacing);
    const replaced = await walk(throughFetch);
    expect(replaced.seen[0]!.headers['x-a']).to.equal('1');
    expect(await walk(direct)).to.deep.equal(replaced);
  });

  it('should set what header-only middlewares set, in the order they were added, as fetch does', async () => {
    const read = async (client: HalwayClient) => {
      const origin = { origin: service.origin };
      client
        .use(setHeaders({ 'x-tenant': 'first', 'x-kept': 'yes' }), origin)
        .use(basicAuth('ada', 's3cret'), origin)
        .use(setHeaders({ 'x-tenant': 'second' }), origin)
        .use(
          bearerAuth(async () => 'later'),
          origin,
        );
      await client.go(service.url('/doc')).get();
      return lastSeen();
    };
    const reference = await read(throughFetch);
    expect(reference.headers).to.include({
      'x-tenant': 'second',
      'x-kept': 'yes',
      authorization: 'Bearer later',
    });
    expect(await read(direct)).to.deep.equal(reference);
    expect(viaFetch).to.have.length(1);
  });

  for (const name of Object.keys(compressors)) {
    it(`should decode a ${name} body as fetch does`, async () => {
      const url = service.url(`/compressed/${name}`);
      const reference = await throughFetch.go(url).get();
      expect(reference.properties).to.deep.equal({ name: 'Ada', note: document.note });
      expect((await direct.go(url).get()).properties).to.deep.equal(reference.properties);
    });
  }

  /** What reading `url` fails with, through fetch and directly. */
  const failures = (url: string) =>
    Promise.all(
      [throughFetch, direct].map((client) =>
        client
          .go(url)
          .get()
          .then(
            () => undefined,
            (caught: unknown) => caught,
          ),
      ),
    );

  it('should give the headers of a response as fetch does, and let them change as fetch’s do', async () => {
    const read = async (client: HalwayClient) => {
      const { headers } = await client.go(service.url('/headers')).get();
      const seen = {
        entries: [...headers].filter(([name]) => name !== 'date' && name !== 'etag'),
        get: ['set-cookie', 'X-MANY', 'x-spaced', 'vary', 'absent'].map((name) =>
          headers.get(name),
        ),
        has: ['Set-Cookie', 'x-many', 'absent'].map((name) => headers.has(name)),
        cookies: headers.getSetCookie(),
        keys: [...headers.keys()].filter((name) => name !== 'date' && name !== 'etag'),
      };
      headers.set('X-Many', 'three');
      headers.append('set-cookie', 'c=3');
      headers.delete('vary');
      const errors = [
        () => headers.append('bad name', 'x'),
        () => headers.set('x-a', 'line\nbreak'),
        () => headers.delete('bad name'),
      ].map((change) => {
        try {
          change();
          return 'no error';
        } catch (error) {
          return (error as Error).name;
        }
      });
      const changed = [...headers].filter(([name]) => name !== 'date' && name !== 'etag');
      const copied = [...new Headers(headers)].filter(
        ([name]) => name !== 'date' && name !== 'etag',
      );
      return { seen, errors, changed, copied };
    };
    const reference = await read(throughFetch);
    expect(reference.seen.cookies).to.deep.equal(['a=1; Path=/', 'b=2']);
    expect(reference.errors).to.deep.equal(['TypeError', 'TypeError', 'TypeError']);
    expect(await read(direct)).to.deep.equal(reference);
    // Served again after a revalidation (a 304), from the cache, they are the same again.
    const revalidated = async (client: HalwayClient) => {
      const state = await client.go(service.url('/headers')).refresh();
      return {
        source: state.source,
        entries: [...state.headers].filter(([name]) => name !== 'date'),
      };
    };
    const again = await revalidated(throughFetch);
    expect(again.source).to.equal('revalidated');
    expect(again.entries).to.deep.include.members([
      ['set-cookie', 'b=2'],
      ['x-many', 'one, two'],
    ]);
    expect(await revalidated(direct)).to.deep.equal(again);
  });

  it('should fail with a NetworkError when the connection drops mid-body, as fetch does', async () => {
    for (const error of await failures(service.url('/cut'))) {
      expect(error).to.be.instanceOf(NetworkError);
      expect((error as NetworkError).cause).to.be.instanceOf(TypeError);
    }
  });

  it('should fail with a NetworkError when nothing listens, as fetch does', async () => {
    const closed = await startService('127.0.0.1');
    await closed.close();
    for (const error of await failures(closed.url('/'))) {
      expect(error).to.be.instanceOf(NetworkError);
    }
  });

  it('should use a fetch put in place of the platform’s', async () => {
    const platform = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (input, init) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return platform(input, init);
    };
    try {
      await createClient().go(service.url('/doc')).get();
    } finally {
      globalThis.fetch = platform;
    }
    expect(calls).to.deep.equal([service.url('/doc')]);
  });
});
