import LinkHeader from 'http-link-header';
import { resolvedLink, type ResolvedLink } from './resolved-link.js';

/** One link to put in a `Link` header. */
export interface LinkHeaderEntry {
  /** Target URI. */
  href: string;
  /** Relation type(s), space-separated when several. */
  rel: string;
  /** Other target attributes (`title`, `type`, `hreflang`, `anchor`, ...). */
  [attribute: string]: string;
}

/**
 * Parses an RFC 8288 `Link` header into links resolved against the URL of the response.
 * A link with several relation types yields one link per relation.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8288
 */
export function parseLinkHeader(value: string, baseUrl: string): ResolvedLink[] {
  let parsed: LinkHeader;
  try {
    parsed = LinkHeader.parse(value);
  } catch {
    return [];
  }
  const links: ResolvedLink[] = [];
  for (const reference of parsed.refs) {
    const { uri, rel, anchor, ...attributes } = reference;
    // RFC 8288 §3.2: an anchor changes the link's context; such links describe another resource.
    if (anchor !== undefined) continue;
    let href: string;
    try {
      href = new URL(uri, baseUrl).href;
    } catch {
      continue;
    }
    for (const relation of rel.split(/\s+/).filter(Boolean)) {
      links.push(resolvedLink(pickStringAttributes(attributes), relation, href, baseUrl));
    }
  }
  return links;
}

/**
 * Serializes links as an RFC 8288 `Link` header value.
 *
 * @example formatLinkHeader([{ href: '/orders?page=2', rel: 'next' }]) // '</orders?page=2>; rel="next"'
 */
export function formatLinkHeader(entries: LinkHeaderEntry[]): string {
  const header = new LinkHeader();
  for (const { href, ...attributes } of entries) header.set({ uri: href, ...attributes });
  return header.toString();
}

function pickStringAttributes(attributes: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of ['title', 'type', 'hreflang', 'name', 'profile', 'deprecation']) {
    const value = attributes[name];
    if (typeof value === 'string') result[name] = value;
  }
  return result;
}
