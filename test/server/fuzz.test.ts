// Malformed requests, generated, at every template of a test service: the request path must be
// total (a 4xx problem for anything a client can get wrong, never a 5xx) and the service must
// keep working afterwards.
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import fc from 'fast-check';
import { serve, type RunningService } from '@halway/server';
import { rawExchange } from './support/raw.js';
import { createShop } from './support/shop.js';

// `explode` throws on purpose: it is how the tests check the 500 path (errors.test.ts).
const DELIBERATE_FAILURES = new Set(['explode']);
const RUNS = 400;
const TIME_LIMIT = 20_000;

interface Target {
  name: string;
  method: string;
  url: string;
  fields: string[];
}

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

describe('request path under malformed input (fuzz)', function () {
  this.timeout(60_000);
  let running: RunningService;
  let targets: Target[];

  before(async () => {
    const { app, place } = createShop({ logger: false });
    for (const status of ['payment-expected', 'paid', 'ready', 'completed'] as const)
      place({ status });
    running = await serve(app, { host: '127.0.0.1', signals: false });
    targets = await templatesOf(running.url, [
      '/',
      '/orders',
      '/orders/1',
      '/orders/2',
      '/orders/3',
    ]);
    expect(targets.map((target) => target.name)).to.include.members([
      'place-order',
      'find-order',
      'update',
      'pay',
      'cancel',
      'collect',
    ]);
  });

  after(() => running.close());

  it('should answer every malformed request to every template with a 4xx problem or a success, never a 5xx', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        malformedRequest(() => targets),
        async (generated) => {
          const answer = await send(running.port, generated);
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          expectTotal(answer, generated.method);
        },
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT, endOnFailure: true },
    );
    // The generator reaches past the happy path: several kinds of refusal were seen.
    expect([...seen.keys()].filter((status) => status >= 400).length).to.be.at.least(4);
  });

  it('should answer malformed HTTP (below what clients send) with a problem, and keep serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        malformedWire(() => targets),
        async (text) => {
          const answer = await rawExchange(running.port, text);
          if (answer === '') return; // Node may close a connection it cannot read at all.
          const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
          const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
          expectTotal(
            { status, contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1], body },
            text.slice(0, text.indexOf(' ')),
          );
        },
      ),
      { numRuns: 150, interruptAfterTimeLimit: 10_000, endOnFailure: true },
    );
    const home = await fetch(`${running.url}/`);
    expect(home.status).to.equal(200);
  });
});

function expectTotal(answer: Answer, method: string): void {
  expect(answer.status, `status of ${answer.body.slice(0, 200)}`).to.be.within(200, 499);
  if (answer.status < 400 || method === 'HEAD') return;
  expect(answer.contentType).to.match(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { status?: number; type?: string; title?: string };
  expect(problem.status).to.equal(answer.status);
  expect(problem.type).to.be.a('string');
  expect(problem.title).to.be.a('string');
}

async function templatesOf(origin: string, paths: string[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const path of paths) {
    const response = await fetch(origin + path, {
      headers: { Accept: 'application/prs.hal-forms+json' },
    });
    const document = (await response.json()) as {
      _links: { self: { href: string } };
      _templates?: Record<
        string,
        { method: string; target?: string; properties?: { name: string }[] }
      >;
    };
    for (const [name, template] of Object.entries(document._templates ?? {})) {
      if (DELIBERATE_FAILURES.has(name)) continue;
      const url = new URL(
        (template.target ?? document._links.self.href).replace(/\{[^}]*\}/g, '1'),
      );
      targets.push({
        name,
        method: template.method,
        url: url.pathname + url.search,
        fields: (template.properties ?? []).map((property) => property.name),
      });
    }
  }
  return targets;
}

interface Generated {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '%',
    '%zz',
    '%E0%A4%A',
    '\u0000',
    '..',
    '../../etc/passwd',
    '{}',
    '[]',
    'null',
  ),
);

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  junkText,
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, '1e400', '2', ['2'], [], {}),
);

function malformedRequest(targets: () => Target[]): fc.Arbitrary<Generated> {
  return fc
    .record({
      index: fc.nat(),
      method: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        fc.constantFrom(
          'GET',
          'HEAD',
          'POST',
          'PUT',
          'PATCH',
          'DELETE',
          'OPTIONS',
          'TRACE',
          'PROPFIND',
        ),
      ),
      pathJunk: fc.option(junkText.map(encodeLoosely), { freq: 3 }),
      query: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), junkText, { maxKeys: 4 })),
      fields: fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 4 }),
      known: fc.array(value, { maxLength: 6 }),
      shape: fc.constantFrom('json', 'form', 'bytes', 'deep', 'none', 'gzip-lie', 'gzip'),
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=klingon',
        'application/x-www-form-urlencoded',
        'application/merge-patch+json',
        'text/plain',
        'multipart/form-data; boundary=x',
        'garbage',
        '',
      ),
      accept: fc.constantFrom(
        undefined,
        '*/*',
        'text/html',
        'application/xml',
        'application/json;q=0',
        ';;;',
        'application/prs.hal-forms+json',
      ),
      extra: fc.dictionary(
        fc.constantFrom(
          'If-Match',
          'If-None-Match',
          'Idempotency-Key',
          'Prefer',
          'Authorization',
          'X-Request-Id',
          'Range',
        ),
        fc.string({ maxLength: 30 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
        { maxKeys: 3 },
      ),
    })
    .map((draw) => {
      const all = targets();
      const target = all[draw.index % all.length]!;
      const input: Record<string, unknown> = { ...draw.fields };
      target.fields.forEach((name, index) => {
        if (index < draw.known.length) input[name] = draw.known[index];
      });
      const url = new URL(target.url, 'http://x');
      if (draw.pathJunk !== null) url.pathname += `/${draw.pathJunk}`;
      let path = url.pathname;
      const search = new URLSearchParams(url.search);
      for (const [name, text] of Object.entries(draw.query ?? {})) search.append(name, text);
      if (target.method === 'GET' || target.method === 'DELETE')
        for (const [name, entry] of Object.entries(input)) search.append(name, String(entry));
      if ([...search].length > 0) path += `?${search.toString()}`;
      const headers: Record<string, string> = { ...draw.extra };
      if (draw.accept !== undefined) headers.Accept = draw.accept;
      const body = bodyOf(draw.shape, input);
      if (body !== undefined && draw.contentType !== undefined)
        headers['Content-Type'] = draw.contentType;
      if (draw.shape === 'gzip-lie' || draw.shape === 'gzip') headers['Content-Encoding'] = 'gzip';
      return { method: draw.method ?? target.method, path, headers, body };
    });
}

function bodyOf(shape: string, input: Record<string, unknown>): Buffer | undefined {
  switch (shape) {
    case 'json':
      return Buffer.from(JSON.stringify(input));
    case 'form':
      return Buffer.from(
        new URLSearchParams(
          Object.entries(input).map(([name, entry]) => [name, String(entry)]),
        ).toString(),
      );
    case 'bytes':
      return Buffer.from(JSON.stringify(input).slice(0, -1));
    case 'deep':
      return Buffer.from(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`);
    case 'gzip-lie':
      return Buffer.from(JSON.stringify(input));
    case 'gzip':
      return gzipSync(JSON.stringify(input));
    default:
      return undefined;
  }
}

// Percent-escapes what an HTTP client would refuse to send, and keeps stray "%" as they are.
function encodeLoosely(text: string): string {
  return [...text]
    .map((character) =>
      /[\x21-\x7e]/.test(character) && character !== '?' && character !== '#'
        ? character
        : encodeURIComponent(character),
    )
    .join('');
}

function send(port: number, generated: Generated): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: generated.method,
        path: generated.path,
        // Node's client frames a GET, HEAD or DELETE body with nothing unless told its length.
        headers: {
          ...generated.headers,
          ...(generated.body === undefined
            ? {}
            : { 'Content-Length': String(generated.body.length) }),
          Connection: 'close',
        },
        timeout: 5_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 5 s')));
    outgoing.on('error', reject);
    outgoing.end(generated.body);
  });
}

function malformedWire(targets: () => Target[]): fc.Arbitrary<string> {
  return fc
    .record({
      index: fc.nat(),
      lengthHeader: fc.constantFrom(
        'Content-Length: abc',
        'Content-Length: -1',
        'Content-Length: 1, 2',
        'Transfer-Encoding: chunked',
        'Transfer-Encoding: gzip',
        'Content-Length: 99999999999999999999',
      ),
      junkHeader: fc
        .string({ unit: 'binary', maxLength: 30 })
        .map((text) => `X-Junk: ${text.replace(/[\r\n]/g, '')}`),
      body: fc.string({ maxLength: 40 }),
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', 'HTPT/1.1'),
    })
    .map((draw) => {
      const all = targets();
      const target = all[draw.index % all.length]!;
      return `${target.method} ${target.url} ${draw.version}\r\nHost: 127.0.0.1\r\n${draw.lengthHeader}\r\n${draw.junkHeader}\r\nConnection: close\r\n\r\n${draw.body}`;
    });
}
