import { getEventListeners } from 'node:events';
import { expect } from 'chai';
import express from 'express';
import {
  AbortError,
  HttpError,
  NetworkError,
  TimeoutError,
  createClient,
  type ClientOptions,
  type Hop,
} from '@halway/client';
import { IdempotencyStore } from './support/idempotency.js';
import { sendHal, sendProblem, startService, type TestService } from './support/service.js';

describe('reliability', () => {
  let service: TestService;
  let store: IdempotencyStore;
  let delays: number[];
  let failures: Record<string, number>;

  const options = (extra: ClientOptions = {}): ClientOptions => ({
    clock: { now: () => Date.now(), sleep: async (ms) => void delays.push(ms) },
    retry: { retries: 3, minDelay: 100, random: () => 0.5 },
    ...extra,
  });

  before(async () => {
    service = await startService('127.0.0.2');
    const { app } = service;
    app.get('/payments', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/payments' } },
        _templates: {
          pay: { method: 'POST', properties: [{ name: 'amount', type: 'number', required: true }] },
          flaky: { method: 'POST', target: '/flaky' },
          busy: { method: 'POST', target: '/busy' },
          upload: {
            method: 'POST',
            contentType: 'multipart/form-data',
            target: '/uploads',
            properties: [{ name: 'photo', type: 'file' }],
          },
        },
      }),
    );
    // The payment is applied, then the connection drops: the client never sees the response.
    app.post('/payments', (req, res, next) =>
      store.handle(
        (request) => ({
          status: 201,
          headers: { location: '/payments/1' },
          body: { _links: { self: { href: '/payments/1' } }, amount: request.body.amount },
        }),
        () => (failures.drop ?? 0) > 0 && (failures.drop! -= 1) >= 0,
      )(req, res, next),
    );
    // The raw body is part of the store's fingerprint: other bytes under the same key are a 422.
    app.post('/uploads', express.raw({ type: 'multipart/form-data' }), (req, res, next) =>
      store.handle(
        () => ({ status: 201, body: { stored: true } }),
        () => (failures.drop ?? 0) > 0 && (failures.drop! -= 1) >= 0,
      )(req, res, next),
    );
    app.get('/unavailable', (req, res) => {
      if ((failures.unavailable ?? 0) > 0) {
        failures.unavailable! -= 1;
        return sendProblem(res, 503, { title: 'Down' }, { 'retry-after': '2' });
      }
      sendHal(req, res, { up: true });
    });
    app.get('/throttled', (req, res) => {
      if ((failures.throttled ?? 0) > 0) {
        failures.throttled! -= 1;
        const date = new Date(Date.now() + 20_000).toUTCString();
        return sendProblem(res, 429, { title: 'Slow down' }, { 'retry-after': date });
      }
      sendHal(req, res, { ok: true });
    });
    app.get('/long-wait', (_req, res) =>
      sendProblem(res, 503, { title: 'Down' }, { 'retry-after': '3600' }),
    );
    app.post('/flaky', (_req, res) => sendProblem(res, 503, { title: 'Down' }));
    app.post('/busy', (req, res) => {
      if ((failures.busy ?? 0) > 0) {
        failures.busy! -= 1;
        return sendProblem(res, 409, { title: 'In progress' }, { 'retry-after': '1' });
      }
      sendHal(req, res, { done: true });
    });
    app.get('/dropped', (req) => req.socket.destroy());
    app.get('/hang', () => undefined);
  });

  after(() => service.close());

  beforeEach(() => {
    service.log.length = 0;
    store = new IdempotencyStore();
    delays = [];
    failures = {};
  });

  describe('retries', () => {
    it('should resend a submission whose response was lost with the same Idempotency-Key', async () => {
      failures.drop = 2;
      const hops: Hop[] = [];
      const client = createClient(options({ onHop: (hop) => hops.push(hop) }));
      const payment = await client.go(service.url('/payments')).form('pay').submit({ amount: 5 });
      expect(payment.properties.amount).to.equal(5);
      const posts = service.requests('POST', '/payments');
      expect(posts).to.have.length(3);
      expect(new Set(posts.map((post) => post.headers['idempotency-key'])).size).to.equal(1);
      expect(store.executions).to.equal(1);
      expect(delays).to.deep.equal([50, 100]);
      const post = hops.find((hop) => hop.method === 'POST');
      expect(post).to.include({ attempts: 3, status: 201, template: 'pay' });
      expect(`"${post?.idempotencyKey}"`).to.equal(posts[0]?.headers['idempotency-key']);
    });

    it('should reuse a key the caller persisted, and expose the one it generated', async () => {
      failures.drop = 1;
      const client = createClient(options());
      const form = await client.go(service.url('/payments')).form('pay');
      const submission = await form.prepare({ amount: 7 });
      expect(submission.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
      const saved = JSON.parse(JSON.stringify(submission.toJSON()));
      await submission.send();
      await client.replay(saved);
      const keys = service
        .requests('POST', '/payments')
        .map((post) => post.headers['idempotency-key']);
      const quoted = `"${submission.idempotencyKey}"`;
      expect(keys).to.deep.equal([quoted, quoted, quoted]);
      expect(store.executions).to.equal(1);
    });

    it('should resend a multipart upload byte for byte, so the server sees the same payload', async () => {
      failures.drop = 1;
      const client = createClient(options());
      const photo = new File([new Uint8Array([0, 255, 1, 254])], 'raw.bin');
      const form = await client.go(service.url('/payments')).form('upload');
      const stored = await form.submit({ photo });
      expect(stored.properties.stored).to.equal(true);
      expect(store.executions).to.equal(1);
      const [first, second] = service.requests('POST', '/uploads');
      expect(second?.headers['content-type']).to.equal(first?.headers['content-type']);
      expect(second?.headers['idempotency-key']).to.equal(first?.headers['idempotency-key']);
    });

    it('should honour Retry-After in seconds on 503 and as a date on 429', async () => {
      failures.unavailable = 1;
      failures.throttled = 1;
      const client = createClient(options());
      expect((await client.go(service.url('/unavailable')).get()).properties.up).to.equal(true);
      expect((await client.go(service.url('/throttled')).get()).properties.ok).to.equal(true);
      expect(delays[0]).to.equal(2000);
      expect(delays[1]).to.be.within(18_000, 20_000);
    });

    it('should give up when Retry-After asks for longer than maxRetryAfter', async () => {
      const client = createClient(options());
      let caught: unknown;
      try {
        await client.go(service.url('/long-wait')).get();
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(HttpError);
      expect((caught as HttpError).status).to.equal(503);
      expect(service.log).to.have.length(1);
    });

    it('should retry a GET after a network error, with growing jittered backoff', async () => {
      const client = createClient(
        options({ retry: { retries: 2, minDelay: 100, random: () => 0.5 } }),
      );
      let caught: unknown;
      try {
        await client.go(service.url('/dropped')).get();
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(NetworkError);
      expect((caught as NetworkError).code).to.equal('NETWORK');
      expect(service.log).to.have.length(3);
      expect(delays).to.deep.equal([50, 100]);
    });

    it('should never retry an unsafe request without a key', async () => {
      const client = createClient(options());
      let caught: unknown;
      try {
        await client
          .go(service.url('/payments'))
          .form('flaky')
          .submit({}, { idempotencyKey: false });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(HttpError);
      expect(service.requests('POST', '/flaky')).to.have.length(1);
      expect(service.requests('POST', '/flaky')[0]?.headers['idempotency-key']).to.equal(undefined);
    });

    it('should retry a keyed request while the server says its key is in progress', async () => {
      failures.busy = 1;
      const client = createClient(options());
      const state = await client.go(service.url('/payments')).form('busy').submit({});
      expect(state.properties.done).to.equal(true);
      expect(service.requests('POST', '/busy')).to.have.length(2);
      expect(delays).to.deep.equal([1000]);
    });

    it('should not retry at all with retry: false', async () => {
      failures.unavailable = 1;
      const client = createClient(options({ retry: false }));
      let caught: unknown;
      try {
        await client.go(service.url('/unavailable')).get();
      } catch (error) {
        caught = error;
      }
      expect((caught as HttpError).status).to.equal(503);
      expect(service.log).to.have.length(1);
    });
  });

  describe('a fetch that hides redirects', () => {
    // What browsers do with redirect: 'manual': an opaque response, no status, no Location.
    const hidingFetch = (calls: RequestRedirect[]): typeof fetch =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        calls.push(request.redirect);
        if (request.redirect === 'manual') {
          return {
            type: 'opaqueredirect',
            status: 0,
            headers: new Headers(),
            text: async () => '',
          };
        }
        return fetch(request);
      }) as typeof fetch;

    it('should let fetch follow the redirect of a safe request', async () => {
      const calls: RequestRedirect[] = [];
      const client = createClient(options({ fetch: hidingFetch(calls) }));
      const state = await client.go(service.url('/payments')).get();
      expect(state.templates().map((template) => template.name)).to.include('pay');
      expect(calls).to.deep.equal(['manual', 'follow']);
    });

    it('should not send an unsafe request without a key again', async () => {
      const calls: RequestRedirect[] = [];
      const client = createClient(options({ fetch: hidingFetch(calls) }));
      const form = await createClient().go(service.url('/payments')).form('flaky');
      let caught: unknown;
      try {
        await client.replay({ ...(await form.prepare({}, { idempotencyKey: false })).toJSON() });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(NetworkError);
      expect(calls).to.deep.equal(['manual']);
    });
  });

  describe('timeouts and aborts', () => {
    it('should fail an attempt that takes longer than the timeout with a TimeoutError', async () => {
      const client = createClient(options({ timeout: 30, retry: { retries: 1, minDelay: 1 } }));
      let caught: unknown;
      try {
        await client.go(service.url('/hang')).get();
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(TimeoutError);
      expect((caught as TimeoutError).code).to.equal('TIMEOUT');
      expect(service.log).to.have.length(2);
    });

    it('should take a timeout per call', async () => {
      const client = createClient(options({ retry: false }));
      let caught: unknown;
      try {
        await client.go(service.url('/hang')).get({ timeout: 20 });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(TimeoutError);
    });

    it('should stop at once with an AbortError when the caller aborts, without retrying', async () => {
      const client = createClient(options());
      const controller = new AbortController();
      const pending = client.go(service.url('/hang')).get({ signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      let caught: unknown;
      try {
        await pending;
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(AbortError);
      expect((caught as AbortError).code).to.equal('ABORTED');
      expect(service.log).to.have.length(1);
    });

    it('should leave no listener on a long-lived signal once calls are over', async () => {
      const client = createClient(options());
      const controller = new AbortController();
      for (let call = 0; call < 15; call++) {
        await client.go(service.url('/payments')).get({ signal: controller.signal });
      }
      expect(getEventListeners(controller.signal, 'abort')).to.have.length(0);
    });

    it('should not send anything for a signal that has already aborted', async () => {
      const client = createClient(options());
      let caught: unknown;
      try {
        await client.go(service.url('/payments')).get({ signal: AbortSignal.abort() });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(AbortError);
      expect(service.log).to.have.length(0);
    });
  });
});
