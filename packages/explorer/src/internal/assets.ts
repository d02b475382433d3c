import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One file of the bundle, held in memory. */
export interface Asset {
  /** The file's bytes. */
  body: Buffer;
  /** Its `Content-Type`. */
  type: string;
  /** A strong ETag of its content. */
  etag: string;
}

/** The bundle: the hashed names of the page's script, style sheet and icon, and every file. */
export interface Bundle {
  /** File name of the script, e.g. `explorer-3FQ2XK7A.js`. */
  script: string;
  /** File name of the style sheet. */
  style: string;
  /** File name of the icon. */
  icon: string;
  /** Every file by name. */
  files: ReadonlyMap<string, Asset>;
}

/** What `scripts/bundle.js` writes next to the files. */
interface Manifest {
  script: string;
  style: string;
  icon: string;
  files: string[];
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  map: 'application/json; charset=utf-8',
};

/** Where the bundle is written: `static/` beside `src/` and `dist/`. */
export const STATIC_DIR = fileURLToPath(new URL('../../static/', import.meta.url));

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Reads the bundle once, into memory: it is a few hundred kilobytes, and serving it from memory
 * keeps each request free of file-system access and of any path taken from a URL.
 */
export function loadBundle(dir: string = STATIC_DIR): Bundle {
  const manifestPath = `${dir}manifest.json`;
  if (!existsSync(manifestPath)) {
    throw new Error(
      `explorer(): the explorer's bundle is missing from ${dir}; build it with "npm run build"`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = new Map<string, Asset>();
  for (const name of manifest.files) {
    if (!SAFE_NAME.test(name)) continue;
    const body = readFileSync(`${dir}${name}`);
    const extension = name.slice(name.lastIndexOf('.') + 1);
    const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    files.set(name, {
      body,
      type: TYPES[extension] ?? 'application/octet-stream',
      etag: `"${digest}"`,
    });
  }
  return { script: manifest.script, style: manifest.style, icon: manifest.icon, files };
}
