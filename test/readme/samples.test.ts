// Every TypeScript or JavaScript sample in every README and guide (docs/*.md) is a file the tests type-check and run:
// the line before the sample names it, as "_The whole of [path](link)…_" (the sample is the
// file) or "_Part of [path](link)…_" (its lines stand in the file, in order). The files live
// under test/ or examples/, which `tsc -b` type-checks; a test imports or runs each of them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CODE_FENCE = /^```(ts|typescript|tsx|js|javascript|mjs)\s*$/;
const MARKER = /^_(The whole of|Part of) \[[^\]]+\]\(([^)#\s]+)\)/;

interface Sample {
  readme: string;
  line: number;
  code: string;
  marker: string | undefined;
  heading: string;
}

function readmes(): string[] {
  const nested = ['packages', 'examples'].flatMap((folder) =>
    readdirSync(join(ROOT, folder)).map((name) => join(folder, name, 'README.md')),
  );
  const guides = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', ...nested, ...guides].filter((path) => {
    try {
      return readFileSync(join(ROOT, path)).length > 0;
    } catch {
      return false;
    }
  });
}

function samplesOf(readme: string): Sample[] {
  const lines = readFileSync(join(ROOT, readme), 'utf8').split('\n');
  const samples: Sample[] = [];
  let heading = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^#+ /.test(line)) heading = line.replace(/^#+ /, '');
    if (line.startsWith('```') && !CODE_FENCE.test(line)) {
      while (++index < lines.length && !lines[index]!.startsWith('```'));
      continue;
    }
    if (!CODE_FENCE.test(line)) continue;
    const start = index;
    while (++index < lines.length && !lines[index]!.startsWith('```'));
    const before = lines.slice(Math.max(0, start - 2), start).filter((text) => text.trim());
    samples.push({
      readme,
      line: start + 1,
      code: lines.slice(start + 1, index).join('\n'),
      marker: before.at(-1),
      heading,
    });
  }
  return samples;
}

const significant = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '// …' && line !== '…');

/** Whether every significant line of `part` stands in `whole`, in the same order. */
function standsIn(part: string, whole: string): boolean {
  const lines = significant(whole);
  let at = 0;
  for (const line of significant(part)) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at++ >= lines.length) return false;
  }
  return true;
}

function testFiles(folder = join(ROOT, 'test')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(folder, entry.name))
      : entry.name.endsWith('.test.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

/** What is wrong with one sample, or undefined. */
function problemOf(sample: Sample, tests: Map<string, string>): string | undefined {
  const where = `${sample.readme}:${sample.line}`;
  const match = sample.marker === undefined ? null : MARKER.exec(sample.marker);
  if (!match)
    return `${where}: no "_The whole of [file](…)_" or "_Part of [file](…)_" line before it`;
  const file = resolve(ROOT, dirname(sample.readme), match[2]!);
  const path = relative(ROOT, file);
  if (!/^(test|examples)\//.test(path)) return `${where}: ${path} is not under test/ or examples/`;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return `${where}: ${path} does not exist`;
  }
  if (match[1] === 'The whole of' && sample.code.trim() !== source.trim())
    return `${where}: the sample is not ${path} as it is`;
  if (match[1] === 'Part of' && !standsIn(sample.code, source))
    return `${where}: the sample's lines are not all in ${path}, in this order`;
  if (path.endsWith('.test.ts')) return undefined; // mocha runs it
  // Its folder and name, as an import ('./hal/read.js') or a path ('src/walk.ts') would say.
  const tail = path.split('/').slice(-2).join('/').replace(/\.ts$/, '');
  const runner = [...tests].find(
    ([test, text]) => test !== file && (text.includes(`${tail}.js`) || text.includes(`${tail}.ts`)),
  );
  if (!runner) return `${where}: no test imports or runs ${path}`;
  return undefined;
}

describe('README and guide samples', () => {
  it('should each be a file the tests type-check and run, whole or marked as a part', () => {
    const tests = new Map(testFiles().map((file) => [file, readFileSync(file, 'utf8')]));
    const samples = readmes().flatMap(samplesOf);
    const checked = samples;
    expect(checked.length).to.be.greaterThan(20);
    const problems = checked.map((sample) => problemOf(sample, tests)).filter(Boolean);
    expect(problems).to.deep.equal([]);
  });
});
