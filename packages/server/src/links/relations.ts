import type { HalDocument, HalEmbedded } from '@halway/hal';
import type { RequestHandler } from 'express';
import { HttpProblem } from '../errors.js';
import { sendProblem } from '../http/problems.js';

/** What one relation of a service means, for its documentation page. */
export interface RelationDoc {
  /** A short name for it, e.g. "Pay for the order". */
  title: string;
  /** What following it gives, and when the link is there: plain text, one paragraph a line. */
  description: string;
}

/**
 * The service's own link relations, written as CURIEs (`cs:receipt`) and documented by the
 * service itself, as HAL recommends for relations that are not IANA-registered.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-8.2
 */
export interface RelationsOptions {
  /** The CURIE prefix, e.g. `cs`: the relations are `cs:receipt` and the like. */
  curie: string;
  /** Where the documentation pages are served, below the service's mount path (default `/rels`). */
  path?: string;
  /** Each relation's documentation, by its name without the prefix (`receipt`). */
  docs: Readonly<Record<string, RelationDoc>>;
}

/** The `curies` entry a document using the service's relations gets. */
export interface CurieSettings {
  /** The prefix. */
  name: string;
  /** The path of the pages, `{rel}` for the relation (mount path not included). */
  href: string;
}

const NAME = /^[a-z][a-z0-9-]*$/i;

/** Where the relation pages are served (mount path not included). */
function pagesPath(options: RelationsOptions): string {
  return options.path ?? '/rels';
}

/** Whether a path (below the mount path) is one of the relation pages, or their list. */
export function isRelationPage(options: RelationsOptions, path: string): boolean {
  const base = pagesPath(options);
  return path === base || path.startsWith(`${base}/`);
}

/** Checks the options and gives the `curies` entry they stand for; a TypeError for bad ones. */
export function curieSettings(options: RelationsOptions): CurieSettings {
  const path = pagesPath(options);
  if (!NAME.test(options.curie))
    throw new TypeError(`createService(): relations.curie must be a name such as "cs"`);
  if (!/^\/[\w/-]*$/.test(path) || path.endsWith('/'))
    throw new TypeError(`createService(): relations.path must be a path such as "/rels"`);
  for (const rel of Object.keys(options.docs))
    if (!NAME.test(rel))
      throw new TypeError(`createService(): relation "${rel}" must be a name (letters, digits, -)`);
  return { name: options.curie, href: `${path}/{rel}` };
}

/**
 * Serves the relations' documentation: `GET <path>/<rel>` is a small HTML page (the explorer
 * shows it beside a resource when its CURIE is clicked), `GET <path>` the list of them all; an
 * unknown relation is a 404 problem.
 */
export function relationDocs(options: RelationsOptions): RequestHandler {
  const path = pagesPath(options);
  const pages = new Map(
    Object.entries(options.docs).map(([rel, doc]) => [rel, page(`${options.curie}:${rel}`, doc)]),
  );
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!isRelationPage(options, request.path)) return next();
    const rel = request.path.slice(path.length + 1);
    const body = rel === '' ? indexPage(options, request.baseUrl + path) : pages.get(rel);
    if (body === undefined) {
      sendProblem(
        request,
        response,
        new HttpProblem('NOT_FOUND', {
          detail: `${options.curie}:${rel} is not a relation of this service`,
        }),
      );
      return;
    }
    response.set('Cache-Control', 'max-age=300');
    response.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    response.type('text/html').send(body);
  };
}

/**
 * A copy of a document with a `curies` link wherever it, or a resource it embeds, uses a
 * relation with the service's prefix and declares no CURIEs of its own.
 */
export function withCuries(
  document: HalDocument,
  curie: CurieSettings,
  basePath: string,
): HalDocument {
  let copy = document;
  if (document._embedded !== undefined) {
    const embedded: HalEmbedded = {};
    for (const [rel, value] of Object.entries(document._embedded))
      embedded[rel] = Array.isArray(value)
        ? value.map((item: HalDocument) => withCuries(item, curie, basePath))
        : withCuries(value, curie, basePath);
    copy = { ...copy, _embedded: embedded };
  }
  const prefix = `${curie.name}:`;
  const uses = [
    ...Object.keys(document._links ?? {}),
    ...Object.keys(document._embedded ?? {}),
  ].some((rel) => rel.startsWith(prefix));
  if (!uses || document._links?.curies !== undefined) return copy;
  return {
    ...copy,
    _links: {
      ...copy._links,
      curies: [{ name: curie.name, href: basePath + curie.href, templated: true }],
    },
  };
}

function page(rel: string, doc: RelationDoc): string {
  const paragraphs = doc.description
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(rel)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:1.5em;color:#222}code{font-size:.95em}</style></head>
<body><h1><code>${escapeHtml(rel)}</code>: ${escapeHtml(doc.title)}</h1>
${paragraphs}
</body></html>`;
}

function indexPage(options: RelationsOptions, path: string): string {
  const items = Object.entries(options.docs)
    .map(
      ([rel, doc]) =>
        `<li><a href="${escapeHtml(`${path}/${rel}`)}"><code>${escapeHtml(`${options.curie}:${rel}`)}</code></a>: ${escapeHtml(doc.title)}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Relations</title></head>
<body><h1>Link relations of this service</h1><ul>
${items}
</ul></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
