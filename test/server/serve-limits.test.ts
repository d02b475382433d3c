import { connect } from 'node:net';
import { expect } from 'chai';
import { createService, defineHome, problemType, serve, SERVE_DEFAULTS } from '@halway/server';
import { rawExchange } from './support/raw.js';
import { createShop } from './support/shop.js';

describe('serve (limits)', () => {
  const service = () => createService({ resources: [defineHome({ title: 'x' })] });

  it('should bound request, header and keep-alive times, connections and header fields by default', async () => {
    const running = await serve(service(), { host: '127.0.0.1', signals: false });
    try {
      const { server } = running;
      expect(server.requestTimeout).to.equal(SERVE_DEFAULTS.requestTimeout);
      expect(server.headersTimeout).to.equal(SERVE_DEFAULTS.headersTimeout);
      expect(server.keepAliveTimeout).to.equal(SERVE_DEFAULTS.keepAliveTimeout);
      expect(server.maxConnections).to.equal(SERVE_DEFAULTS.maxConnections);
      expect(SERVE_DEFAULTS.requestTimeout).to.be.below(300_000);
    } finally {
      await running.close();
    }
  });

  it('should refuse a limit of 0, a negative or a fractional one with a TypeError', async () => {
    for (const options of [{ requestTimeout: -1 }, { maxConnections: 1.5 }, { maxHeaders: 0 }]) {
      let error: unknown;
      await serve(service(), { host: '127.0.0.1', signals: false, ...options }).catch(
        (caught: unknown) => (error = caught),
      );
      expect(error).to.be.instanceOf(TypeError);
    }
  });

  for (const [what, text, status, code] of [
    [
      'a bad Content-Length',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    [
      'a control character in a header',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0001c\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    ['a malformed request line', 'GET /\u0000 HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'BAD_REQUEST'],
    [
      'headers over 16 KB',
      `GET / HTTP/1.1\r\nHost: a\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'HEADERS_TOO_LARGE',
    ],
  ] as const) {
    it(`should answer ${what} with a ${status} problem, not a bare status line`, async () => {
      const running = await serve(service(), { host: '127.0.0.1', signals: false });
      try {
        const answer = await rawExchange(running.port, text);
        expect(answer).to.match(new RegExp(`^HTTP/1\\.1 ${status} `));
        const [head, body] = answer.split('\r\n\r\n', 2) as [string, string];
        expect(head).to.match(/content-type: application\/problem\+json/i);
        expect(JSON.parse(body)).to.include({ status, type: problemType(code) });
      } finally {
        await running.close();
      }
    });
  }

  it('should answer a body that arrives too slowly with a 408 problem and close the connection', async () => {
    const running = await serve(createShop().app, {
      host: '127.0.0.1',
      signals: false,
      requestTimeout: 300,
      headersTimeout: 300,
    });
    try {
      const started = Date.now();
      const answer = await rawExchange(
        running.port,
        'POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a"',
      );
      expect(answer).to.match(/^HTTP\/1\.1 408 /);
      expect(answer).to.include(problemType('REQUEST_TIMEOUT'));
      expect(Date.now() - started).to.be.below(3_000);
    } finally {
      await running.close();
    }
  });

  it('should close connections past maxConnections at once', async () => {
    const running = await serve(service(), {
      host: '127.0.0.1',
      signals: false,
      maxConnections: 2,
    });
    const sockets = [0, 1].map(() => connect(running.port, '127.0.0.1'));
    try {
      await Promise.all(
        sockets.map((socket) => new Promise((resolve) => socket.once('connect', resolve))),
      );
      // Let the server count both before the third arrives.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const answer = await rawExchange(running.port, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n').catch(
        () => '',
      );
      expect(answer).to.equal('');
    } finally {
      for (const socket of sockets) socket.destroy();
      await running.close();
    }
  });

  it('should say in one line which port is in use and how to choose another', async () => {
    const first = await serve(service(), { host: '127.0.0.1', signals: false });
    try {
      let error: (Error & { code?: string }) | undefined;
      await serve(service(), { host: '127.0.0.1', port: first.port, signals: false }).catch(
        (caught: Error) => (error = caught),
      );
      expect(error?.code).to.equal('EADDRINUSE');
      expect(error?.message).to.include(`port ${first.port}`);
      expect(error?.message).to.include('another port');
      expect(error?.message).to.not.include('\n');
    } finally {
      await first.close();
    }
  });
});
