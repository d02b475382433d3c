// The middleware serves the bundle from packages/explorer/static; `npm test` builds it first, and
// this builds it when it is missing (a fresh clone running mocha alone).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const explorerDir = fileURLToPath(new URL('../../../packages/explorer/', import.meta.url));

/** Builds the explorer's bundle unless it is there. */
export function ensureBundle(): void {
  if (existsSync(`${explorerDir}static/manifest.json`)) return;
  execFileSync(process.execPath, [`${explorerDir}scripts/bundle.js`], { stdio: 'inherit' });
}
