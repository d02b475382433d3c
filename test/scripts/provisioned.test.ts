import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const TEST = fileURLToPath(new URL('..', import.meta.url));

function testFiles(folder = TEST): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(folder, entry.name))
      : entry.name.endsWith('.test.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

// A suite that drives Chromium or PostgreSQL must find (or install) it in a hook of its own,
// with time for an install; otherwise a fresh machine fails it with a raw "not found".
describe('test suites that need Chromium or PostgreSQL', () => {
  it('should each provide it in a before hook first', () => {
    const missing: string[] = [];
    for (const file of testFiles()) {
      const text = readFileSync(file, 'utf8');
      const name = relative(TEST, file);
      if (
        /launchBrowser\(|chromium\.launch\(/.test(text) &&
        !text.includes('before(provideChromium)')
      )
        missing.push(`${name}: before(provideChromium)`);
      if (
        /startPostgres\(|storage\/support\/engines\.js/.test(text) &&
        !text.includes('before(providePostgres)')
      )
        missing.push(`${name}: before(providePostgres)`);
    }
    expect(missing).to.deep.equal([]);
  });
});
