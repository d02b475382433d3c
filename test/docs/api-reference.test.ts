import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const DOCS = fileURLToPath(new URL('../../packages/api-docs', import.meta.url));

/** A reflection of TypeDoc's JSON output, as far as these tests read it. */
interface Reflection {
  name: string;
  kind: number;
  comment?: { summary: { text: string }[] };
  children?: Reflection[];
  type?: unknown;
}

const INTERFACE = 256;
const PROPERTY = 1024;

function* walk(reflection: Reflection, path: string[] = []): Generator<[string[], Reflection]> {
  yield [path, reflection];
  for (const child of reflection.children ?? []) yield* walk(child, [...path, child.name]);
}

/** The properties of an inline object type (`cache?: false | { maxEntries?: number }`), at any depth. */
function nestedProperties(type: unknown): Reflection[] {
  if (typeof type !== 'object' || type === null) return [];
  const { declaration, types } = type as { declaration?: Reflection; types?: unknown[] };
  return [
    ...(declaration?.children ?? []).flatMap((child) => [child, ...nestedProperties(child.type)]),
    ...(types ?? []).flatMap(nestedProperties),
  ];
}

const described = (reflection: Reflection) =>
  (reflection.comment?.summary ?? [])
    .map((part) => part.text)
    .join('')
    .trim().length > 0;

// `npm run docs` builds the reference with TypeDoc; this runs the same configuration into a
// temporary folder and reads its JSON model.
describe('npm run docs (the API reference)', function () {
  this.timeout(120_000);
  let directory: string;
  let model: Reflection;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'halway-docs-'));
    const typedoc = join(DOCS, 'node_modules/typedoc/bin/typedoc');
    await run(
      process.execPath,
      [
        typedoc,
        '--options',
        'typedoc.json',
        '--out',
        join(directory, 'html'),
        '--json',
        join(directory, 'api.json'),
      ],
      { cwd: DOCS, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    model = JSON.parse(readFileSync(join(directory, 'api.json'), 'utf8')) as Reflection;
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('should document every package', () => {
    expect(model.children?.map((child) => child.name)).to.have.members([
      '@halway/hal',
      '@halway/server',
      '@halway/client',
      '@halway/explorer',
      '@halway/testing',
      '@halway/cli',
    ]);
  });

  it('should describe every property of every public options type', () => {
    const undocumented: string[] = [];
    let checked = 0;
    for (const [path, reflection] of walk(model)) {
      if (reflection.kind !== INTERFACE || !reflection.name.endsWith('Options')) continue;
      for (const property of reflection.children ?? []) {
        if (property.kind !== PROPERTY) continue;
        for (const each of [property, ...nestedProperties(property.type)])
          if (!described(each)) undocumented.push([...path, property.name, each.name].join('.'));
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(100);
    expect(undocumented).to.deep.equal([]);
  });

  it('should describe the options of createService and defineResource the issue named', () => {
    const options = (name: string) =>
      [...walk(model)].find(([, reflection]) => reflection.name === name)?.[1];
    for (const [type, names] of [
      ['ServiceOptions', ['publicUrl', 'peerTimeout', 'bodyLimit', 'name']],
      ['ResourceOptions', ['title', 'cacheControl', 'seeOther', 'embedded']],
      ['JwtAuthenticationOptions', ['jwksUrl', 'issuer', 'audience', 'clockTolerance']],
    ] as const) {
      const properties = options(type)?.children ?? [];
      for (const name of names)
        expect(
          properties.find((property) => property.name === name),
          `${type}.${name}`,
        ).to.satisfy(described);
    }
  });
});
