import type { HalLink } from './types.js';
import { expandUriTemplate, type UriTemplateVariables } from './uri-template.js';

/**
 * A link as a reader hands it out: with its relation, and with `href` resolved to an absolute
 * URL. A templated link keeps its template in `href`; {@link expandLink} expands it and then
 * resolves it against `base`.
 */
export interface ResolvedLink extends HalLink {
  /** The relation the link was found under. */
  rel: string;
  /** Absolute URL, or the URI template when `templated` is true. */
  href: string;
  /** The URL relative references in this link are resolved against. */
  base: string;
}

/**
 * A link's fields with its relation, resolved `href` and `base`: `{ ...fields, rel, href, base }`,
 * copied key by key, since V8 builds a spread that adds keys on a slow path, several times
 * slower, and every link of every document and `Link` header read goes through here.
 */
export function resolvedLink(
  fields: object,
  rel: string,
  href: string,
  base: string,
): ResolvedLink {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) resolved[key] = (fields as Record<string, unknown>)[key];
  resolved.rel = rel;
  resolved.href = href;
  resolved.base = base;
  return resolved as unknown as ResolvedLink;
}

/** How to pick one link among several with the same relation. */
export interface LinkSelector {
  /** The link's `name`. */
  name?: string;
  /** The link's `type` (media type of the target). */
  type?: string;
  /** The link's `profile`. */
  profile?: string;
  /** Position among the links that match the other criteria (default 0). */
  index?: number;
}

/**
 * The absolute URL a link points to: a templated link is expanded with `variables` first.
 *
 * @example expandLink(link, { id: 17 }) // 'https://shop.example/orders/17'
 * @see https://www.rfc-editor.org/rfc/rfc6570
 */
export function expandLink(link: ResolvedLink, variables: UriTemplateVariables = {}): string {
  const href = link.templated ? expandUriTemplate(link.href, variables) : link.href;
  return new URL(href, link.base).href;
}

/** The links that match every criterion of `selector` (all of them when it is empty). */
export function filterLinks(links: ResolvedLink[], selector: LinkSelector = {}): ResolvedLink[] {
  return links.filter(
    (link) =>
      (selector.name === undefined || link.name === selector.name) &&
      (selector.type === undefined || sameMediaType(link.type, selector.type)) &&
      (selector.profile === undefined || link.profile === selector.profile),
  );
}

/** The one link `selector` picks, or undefined. */
export function selectLink(
  links: ResolvedLink[],
  selector: LinkSelector = {},
): ResolvedLink | undefined {
  return filterLinks(links, selector)[selector.index ?? 0];
}

function sameMediaType(actual: string | undefined, wanted: string): boolean {
  if (actual === undefined) return false;
  const essence = (type: string) => type.split(';', 1)[0]!.trim().toLowerCase();
  return essence(actual) === essence(wanted);
}
