#!/usr/bin/env node
/**
 * Writes an installable tarball of every public package (`npm pack`) into `dist-packages/`, or
 * the directory given with `--destination DIR`, and prints their paths, one a line. Run it after
 * `npm run build` (`npm run pack` does both): a tarball holds each package's `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const flag = process.argv.indexOf('--destination');
const destination = resolve(flag === -1 ? join(root, 'dist-packages') : process.argv[flag + 1]);

/** The workspace folders under packages/ that are published (not marked private). */
function publicPackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((folder) => existsSync(join(folder, 'package.json')))
    .map((folder) => ({
      folder,
      manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true);
}

const packages = publicPackages();
for (const { folder, manifest } of packages) {
  for (const built of ['dist/index.js', 'dist/index.d.ts', ...(manifest.files ?? [])]) {
    if (!existsSync(join(folder, built))) {
      console.error(
        `${manifest.name}: ${built} is missing; run npm run build first (or npm run pack)`,
      );
      process.exit(1);
    }
  }
}

mkdirSync(destination, { recursive: true });
for (const old of readdirSync(destination).filter((name) => name.endsWith('.tgz')))
  rmSync(join(destination, old));
const output = execFileSync(
  'npm',
  [
    'pack',
    '--json',
    '--pack-destination',
    destination,
    ...packages.flatMap(({ manifest }) => ['-w', manifest.name]),
  ],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
for (const { filename } of JSON.parse(output)) console.log(join(destination, filename));
