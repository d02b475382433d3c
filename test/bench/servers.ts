// The three servers the benchmark compares, each started in its own process (argv[2]: which one,
// argv[3]: port): raw node:http writing the bytes, plain Express answering res.json(payload), and
// a Halway resource whose HAL-FORMS representation is the same payload.
import { createServer, type Server } from 'node:http';
import express from 'express';
import { createService, defineResource, serve } from '@halway/server';

const order = {
  id: '17',
  status: 'payment-expected',
  drink: 'latte',
  size: 'large',
  quantity: 2,
  location: 'take-away',
  total: { amount: 9, currency: 'EUR' },
};

// The document's shape: BENCH_LINKS links and BENCH_TEMPLATES templates (default 2 and 2; the
// first two of each are the order's own, the rest are alike, for the links × templates table).
const LINKS = Number(process.env.BENCH_LINKS ?? 2);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 2);
// halway-cached: the same resource declared cacheByVersion (rendered once per version).
const cached = process.argv[2] === 'halway-cached';

// The relation names are made once, as the names an author writes in a links function are
// constants; the hrefs are made for every request, as they depend on the state.
const RELATED = Array.from(
  { length: Math.max(LINKS - 2, 0) },
  (_, index) => `related-${index + 2}`,
);

function links(): Record<string, string> {
  const all: Record<string, string> = {
    payment: 'http://localhost:4002/payments?order=%2Forders%2F17',
    collection: '/orders',
  };
  for (let index = 0; index < RELATED.length; index++)
    all[RELATED[index]!] = `/orders/17/related/${index + 2}`;
  return all;
}

const base = defineResource('/orders/:id', {
  cacheByVersion: cached,
  load: ({ params }) => (params.id === order.id ? order : undefined),
  version: () => 1,
  properties: ({ id: _id, ...properties }) => properties,
  links,
});
let halway = base
  .action('update', {
    method: 'PATCH',
    input: {
      type: 'object',
      properties: {
        size: { type: 'string', enum: ['small', 'medium', 'large'] },
        quantity: { type: 'integer', minimum: 1, maximum: 10 },
      },
    } as const,
    values: (state) => ({ size: state.size, quantity: state.quantity }),
    when: (state) => state.status === 'payment-expected',
    handle: () => undefined,
  })
  .action('cancel', {
    method: 'DELETE',
    when: (state) => state.status === 'payment-expected',
    handle: () => undefined,
  });
for (let index = 2; index < TEMPLATES; index++) {
  halway = halway.action(`note-${index}`, {
    method: 'POST',
    path: `/notes-${index}`,
    input: {
      type: 'object',
      properties: { text: { type: 'string', maxLength: 200 }, quantity: { type: 'integer' } },
    } as const,
    values: (state) => ({ quantity: state.quantity }),
    when: (state) => state.status === 'payment-expected',
    handle: () => undefined,
  });
}

const [which, port] = [process.argv[2], Number(process.argv[3])];
const quiet = { info() {}, warn() {}, error() {} };
// A fixed public origin: links are absolute (as by default) and the same whatever port serves them.
const app = createService({
  resources: [halway],
  logger: false,
  publicUrl: 'http://orders.example',
});

let server: Server;
if (which === 'halway' || which === 'halway-cached') {
  server = (await serve(app, { port, host: '127.0.0.1', logger: quiet, signals: false })).server;
} else {
  // The same bytes Halway sends, so the comparison is of the request path, not of the payload.
  const reference = await serve(app, { port: 0, host: '127.0.0.1', logger: quiet, signals: false });
  const payload: unknown = await (await fetch(`${reference.url}/orders/17`)).json();
  await reference.close();
  if (which === 'raw') {
    // The floor: node:http writing the bytes Express would, with nothing else on the path.
    const bytes = Buffer.from(JSON.stringify(payload));
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': bytes.length,
    };
    const raw = createServer((request, response) => {
      if (request.url !== '/orders/17') return void response.writeHead(404).end();
      response.writeHead(200, headers).end(bytes);
    });
    server = await new Promise<Server>((resolve) => {
      raw.listen(port, '127.0.0.1', () => resolve(raw));
    });
  } else {
    const plain = express();
    plain.get('/orders/:id', (request, response) => {
      if (request.params.id !== order.id) return response.status(404).end();
      response.json(payload);
    });
    server = await new Promise<Server>((resolve) => {
      const listening = plain.listen(port, '127.0.0.1', () => resolve(listening));
    });
  }
}

// For instruction counts: exit after a fixed number of responses, so a profiler sees a fixed amount of work.
const exitAfter = Number(process.env.BENCH_EXIT_AFTER ?? 0);
// Only then: the harness must not add work to what the throughput benchmark measures.
let served = 0;
if (exitAfter > 0) {
  server.on('request', (_request, response) => {
    response.once('finish', () => {
      if (++served === exitAfter) setImmediate(() => process.exit(0));
    });
  });
}
process.send?.('ready');

// For CPU per request: the parent asks for this process's CPU time before and after a load.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
