// Documents written as text straight from a resource's parts (the read path's fast way) against
// the same documents built as objects and serialized: the bytes, the status and the type must be
// the same for any resource. A resource that embeds something is built (the text writer writes
// nothing embedded), so each generated resource is served twice: as it is, and embedding an
// empty list, which the comparison then takes out of the built document. Half the services have
// CURIEs, which both ways add where a relation uses their prefix (`cs:`).
import { expect } from 'chai';
import fc from 'fast-check';
import {
  createService,
  defineResource,
  serve,
  type LinkMap,
  type RunningService,
} from '@halway/server';

const quiet = { info() {}, warn() {}, error() {} };
const HAL_FORMS = 'application/prs.hal-forms+json';

// Strings that JSON escapes or that the builder refuses, among ordinary ones.
const text = fc.constantFrom(
  'plain',
  'with "quotes"',
  'back\\slash',
  'tab\there',
  'nul\u0000',
  'é',
  '😀',
  'lone \ud800 surrogate',
  // The marker form-text.ts cuts compiled forms with, in a form's own text.
  'marked \u0000halway\u0000',
  '',
  ' ',
);
const href = fc.oneof(
  fc.constantFrom(
    '/orders/2',
    '/orders/3',
    'https://pay.example/p',
    '/orders/1',
    '/orders{?page}',
    'relative/path',
    '../up',
    '?q=1',
    '#top',
    '//other.example/x',
    'https://pay.example/p?order="1"',
    'urn:isbn:0451450523',
    '/a"b',
    '/a\\b',
    '/ctl\u0001',
    '/é',
    '/lone\udc00',
    'rel{x}',
    '',
  ),
  text.map((value) => `/t/${value}`),
);
const link = fc.oneof(
  { arbitrary: href, weight: 8 },
  {
    arbitrary: fc.record(
      { href, title: text, templated: fc.boolean(), name: text },
      { requiredKeys: ['href'] },
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      null,
      {},
      { href: 5 },
      { href: '' },
      { href: '/x', toJSON: () => 'own' },
    ),
    weight: 1,
  },
);
const rel = fc.constantFrom(
  'item',
  'constructor',
  'toString',
  'up',
  'collection',
  'next',
  'payment',
  'self',
  'profile',
  '',
  '  ',
  '\u00a0',
  'with "quote"',
  'x\\y',
  'é',
  '😀',
  '\ud800',
  'cs:receipt',
  'cs:pay',
  'cs:menu',
  'curies',
);
const record = fc.dictionary(
  rel,
  fc.oneof(link, fc.array(link, { maxLength: 3 }), fc.constant(undefined)),
  { maxKeys: 6 },
);
// Records as an author may make them: plain, without a prototype, or with inherited links (which
// for...in lists, and so the built document has).
// (and one with an own `__proto__` link, as JSON.parse makes it).
function recordOf(own: object, kind: 'plain' | 'bare' | 'inherits' | 'proto'): object {
  if (kind === 'plain') return own;
  if (kind === 'proto') return Object.assign(JSON.parse('{"__proto__":"/p"}') as object, own);
  return Object.assign(Object.create(kind === 'bare' ? null : { up: '/inherited' }) as object, own);
}
const links = fc
  .tuple(
    record,
    fc.oneof(
      { arbitrary: fc.constant('plain' as const), weight: 9 },
      fc.constantFrom('bare' as const, 'inherits' as const, 'proto' as const),
    ),
  )
  .map(([own, kind]) => recordOf(own, kind));
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined, Number.NaN, Infinity),
  fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }),
  fc.dictionary(text, fc.oneof(text, fc.integer()), { maxKeys: 2 }),
);
const properties = fc.oneof(
  {
    arbitrary: fc.dictionary(fc.oneof(text, fc.constantFrom('status', 'total', '1x')), value, {
      maxKeys: 5,
    }),
    weight: 6,
  },
  {
    arbitrary: fc.dictionary(
      fc.constantFrom('status', '_links', '_templates', '_embedded', '0', '12', 'toJSON'),
      value,
      { maxKeys: 3 },
    ),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      [],
      null,
      { toJSON: () => ({ own: true }) },
      JSON.parse('{"__proto__":{"x":1},"status":"a"}') as object,
    ),
    weight: 1,
  },
);
const schemas = [
  undefined,
  {
    type: 'object',
    properties: {
      size: { type: 'string', enum: ['small', 'large'] },
      quantity: { type: 'integer', minimum: 1, default: 1 },
      note: { type: 'string', maxLength: 20, title: 'A "note" \u0000halway' },
    },
    required: ['quantity'],
  },
  {
    type: 'object',
    properties: {
      text: { type: 'string', examples: ['e.g. \\ this'] },
      done: { type: 'boolean', title: '\u0000halway' },
      tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
    },
  },
] as const;
const action = fc.record({
  name: fc.oneof(
    { arbitrary: fc.constantFrom('update', 'cancel', 'note "1"', 'é', 'pay'), weight: 19 },
    fc.constantFrom('__proto__', 'constructor'),
  ),
  method: fc.constantFrom('POST', 'PATCH', 'DELETE', 'PUT'),
  ownPath: fc.boolean(),
  title: fc.option(text, { nil: undefined }),
  schema: fc.nat(schemas.length - 1),
  values: fc.option(
    fc.dictionary(
      fc.constantFrom('size', 'quantity', 'note', 'text', 'done', 'tags'),
      fc.oneof(value, fc.constant(null)),
    ),
    { nil: undefined },
  ),
  when: fc.oneof(
    { arbitrary: fc.constant(true), weight: 4 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
  requireIfMatch: fc.boolean(),
  requireIdempotencyKey: fc.boolean(),
});
const shape = fc.record({
  properties,
  links,
  actions: fc.uniqueArray(action, { selector: (one) => one.name, minLength: 1, maxLength: 3 }),
  navigation: fc.boolean(),
  curies: fc.boolean(),
  asyncLinks: fc.boolean(),
  version: fc.constantFrom(1, 'v "2"', 'é'),
});

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function resourceOf(generated: Shape, embedding: boolean) {
  let resource = defineResource('/things/:id', {
    load: ({ params }) => (params.id === '1' ? { id: '1' } : undefined),
    version: () => generated.version,
    properties: () => generated.properties as Record<string, unknown>,
    links: () =>
      generated.asyncLinks
        ? Promise.resolve(generated.links as LinkMap)
        : (generated.links as LinkMap),
    ...(embedding ? { embedded: () => ({ extra: [] }) } : {}),
  });
  if (generated.navigation)
    resource = resource.action('search', { method: 'GET', target: '/things{?q}', title: 'Find' });
  for (const [index, one] of generated.actions.entries()) {
    const input = schemas[one.schema];
    // Only the first may be sent to the resource itself: two with one method there would clash.
    const path = index === 0 && !one.ownPath ? undefined : `/action-${index}`;
    resource = resource.action(one.name, {
      method: one.method,
      ...(path === undefined ? {} : { path }),
      ...(one.title === undefined ? {} : { title: one.title }),
      ...(input === undefined ? {} : { input }),
      ...(one.values === undefined ? {} : { values: () => one.values! }),
      when: () => one.when,
      requireIfMatch: one.requireIfMatch,
      requireIdempotencyKey: one.requireIdempotencyKey,
      handle: () => undefined,
    });
  }
  return resource;
}

interface Answer {
  status: number;
  body: string;
  type: string | null;
}

async function read(running: RunningService, accept: string, embedding: boolean): Promise<Answer> {
  const response = await fetch(`${running.url}/things/1`, { headers: { accept } });
  const text = await response.text();
  let body = text;
  // A 500 problem names its request; what it says is compared, not which request it was.
  if (response.status === 500) body = (JSON.parse(text) as { detail?: string }).detail ?? '';
  else if (embedding && response.status === 200) {
    // (Unless its properties replace the whole document with their own toJSON.)
    const document = JSON.parse(text) as Record<string, unknown>;
    if ('_embedded' in document) {
      expect(document._embedded).to.deep.equal({ extra: [] });
      delete document._embedded;
      body = JSON.stringify(document);
    }
  }
  return { status: response.status, body, type: response.headers.get('content-type') };
}

function serviceOf(generated: Shape, embedding: boolean) {
  const relations = { curie: 'cs', docs: { receipt: { title: 'Receipt', description: 'Paid.' } } };
  return createService({
    resources: [resourceOf(generated, embedding)],
    logger: false,
    publicUrl: 'http://things.example',
    ...(generated.curies ? { relations } : {}),
  });
}

describe('documents written as text', function () {
  this.timeout(120_000);

  it('should be byte for byte the documents built as objects, for any links, properties and forms', async () => {
    let written = 0;
    let withCuries = 0;
    const listening = { host: '127.0.0.1', port: 0, logger: quiet, signals: false } as const;
    await fc.assert(
      fc.asyncProperty(shape, async (generated) => {
        const asText = await serve(serviceOf(generated, false), listening);
        const built = await serve(serviceOf(generated, true), listening);
        try {
          for (const accept of [HAL_FORMS, 'application/json']) {
            const [fast, slow] = await Promise.all([
              read(asText, accept, false),
              read(built, accept, true),
            ]);
            expect(fast, `${accept}\n${JSON.stringify(generated)}`).to.deep.equal(slow);
            if (fast.status === 200 && fast.body.includes('"_templates":{"')) written++;
            if (fast.body.includes('"curies":[')) withCuries++;
          }
        } finally {
          await Promise.all([asText.close(), built.close()]);
        }
      }),
      { seed: 20_261_204, numRuns: 300 },
    );
    // The comparison means something only if most documents were valid ones with forms.
    expect(written).to.be.greaterThan(200);
    expect(withCuries).to.be.greaterThan(20);
  });
});
