// Generators of malformed requests for the fuzz tests, and the property every answer must have.
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import fc from 'fast-check';

/** How many requests a fuzz test sends (400; `FUZZ_RUNS` for a longer run by hand). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** The most time a fuzz test may take: 20 s, or 10 ms a run when FUZZ_RUNS asks for more. */
export const FUZZ_TIME_LIMIT = Math.max(20_000, FUZZ_RUNS * 10);

/** A template to aim at: its name, method, URL (path and query) and field names. */
export interface Target {
  name: string;
  method: string;
  url: string;
  fields: string[];
}

/** What came back. */
export interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** Every answer is below 500, and every error is a problem whose status is the answer's. */
export function expectTotal(answer: Answer, method: string): void {
  expect(answer.status, `status of ${answer.body.slice(0, 200)}`).to.be.within(200, 499);
  if (answer.status < 400 || method === 'HEAD') return;
  expect(answer.contentType).to.match(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { status?: number; type?: string; title?: string };
  expect(problem.status).to.equal(answer.status);
  expect(problem.type).to.be.a('string');
  expect(problem.title).to.be.a('string');
}

/**
 * The templates of the documents at `urls` (absolute), read as HAL-FORMS with `headers`, except
 * those named in `skip`; templated targets get "1" for every variable.
 */
export async function templatesOf(
  urls: readonly string[],
  skip: ReadonlySet<string> = new Set(),
  headers: Record<string, string> = {},
): Promise<Target[]> {
  const targets: Target[] = [];
  for (const url of urls) {
    const response = await fetch(url, {
      headers: { ...headers, Accept: 'application/prs.hal-forms+json' },
    });
    const document = (await response.json()) as {
      _links: { self: { href: string } };
      _templates?: Record<
        string,
        { method: string; target?: string; properties?: { name: string }[] }
      >;
    };
    for (const [name, template] of Object.entries(document._templates ?? {})) {
      if (skip.has(name)) continue;
      const target = new URL(
        (template.target ?? document._links.self.href).replace(/\{[^}]*\}/g, '1'),
      );
      targets.push({
        name,
        method: template.method,
        url: target.href,
        fields: (template.properties ?? []).map((property) => property.name),
      });
    }
  }
  return targets;
}

/** A generated request. */
export interface Generated {
  origin: string;
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

/** Requests aimed at the targets, malformed in every way a client can send. */
export function malformedRequest(targets: () => Target[]): fc.Arbitrary<Generated> {
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
      pathJunk: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: junkText.map(encodeLoosely) },
      ),
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
      const url = new URL(target.url);
      if (draw.pathJunk !== null) url.pathname += `/${draw.pathJunk}`;
      let path = url.pathname;
      const search = new URLSearchParams(url.search);
      for (const [name, text] of Object.entries(draw.query ?? {})) search.append(name, text);
      if (target.method === 'GET' || target.method === 'DELETE')
        for (const [name, entry] of Object.entries(input)) search.append(name, asText(entry));
      if ([...search].length > 0) path += `?${search.toString()}`;
      const headers: Record<string, string> = { ...draw.extra };
      if (draw.accept !== undefined) headers.Accept = draw.accept;
      const body = bodyOf(draw.shape, input);
      if (body !== undefined && draw.contentType !== undefined)
        headers['Content-Type'] = draw.contentType;
      if (draw.shape === 'gzip-lie' || draw.shape === 'gzip') headers['Content-Encoding'] = 'gzip';
      return { origin: url.origin, method: draw.method ?? target.method, path, headers, body };
    });
}

// A drawn value as query text. String() throws for some drawn objects (a null prototype, or a
// `toString` key that is not a function): those go as JSON.
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? '';
  }
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

/** Sends a generated request with Node's client (no checks of its own on the body). */
export function send(generated: Generated): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: new URL(generated.origin).hostname,
        port: new URL(generated.origin).port,
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

/** HTTP/1.1 messages below what clients send: bad framing, versions and header bytes. */
export function malformedWire(
  targets: () => Target[],
): fc.Arbitrary<{ port: number; text: string }> {
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
      const url = new URL(target.url);
      return {
        port: Number(url.port),
        text: `${target.method} ${url.pathname}${url.search} ${draw.version}\r\nHost: 127.0.0.1\r\n${draw.lengthHeader}\r\n${draw.junkHeader}\r\nConnection: close\r\n\r\n${draw.body}`,
      };
    });
}
