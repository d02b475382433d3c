// Bundles the browser app (app/) into static/: one script, one style sheet and the icon, each
// named by a hash of its content, plus manifest.json, which the middleware reads. No third-party
// asset is fetched at run time: everything the page needs is in these files.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Builds the bundle into `outdir` (default `static/`) and returns the manifest. */
export async function bundleExplorer(outdir = join(root, 'static')) {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'app', 'main.ts'), join(root, 'app', 'styles.css')],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox115', 'safari16.4'],
    // Bundle @halway/hal from its sources, so the bundle never depends on a stale dist/.
    conditions: ['halway-source'],
    entryNames: 'explorer-[hash]',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const script = outputs.find((name) => name.endsWith('.js'));
  const style = outputs.find((name) => name.endsWith('.css'));
  if (!script || !style)
    throw new Error('bundleExplorer(): esbuild wrote no script or style sheet');

  const iconSource = readFileSync(join(root, 'app', 'icon.svg'));
  const icon = `icon-${createHash('sha256').update(iconSource).digest('hex').slice(0, 8)}.svg`;
  writeFileSync(join(outdir, icon), iconSource);

  const files = [...outputs, icon];
  const manifest = { script, style, icon, files };
  writeFileSync(join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Old bundles go only once the new manifest is in place, so a running service never lacks a file.
  for (const name of readdirSync(outdir)) {
    if (name !== 'manifest.json' && !files.includes(name)) rmSync(join(outdir, name));
  }
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = await bundleExplorer();
  console.log(`explorer bundle: ${manifest.files.join(', ')}`);
}
