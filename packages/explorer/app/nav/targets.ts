/**
 * Where a URL leads, as the explorer sees it:
 * - `here`: this service, shown in the page itself;
 * - `peer`: another Halway service, whose own explorer opens, the trail going along;
 * - `elsewhere`: any other web site, opened as a plain link;
 * - `blocked`: not http(s) (`javascript:`, `data:`, ...) or carrying credentials: never followed.
 */
export type TargetKind = 'here' | 'peer' | 'elsewhere' | 'blocked';

/** A classified URL. */
export interface Target {
  /** Where it leads. */
  kind: TargetKind;
  /** The absolute URL (as given, when blocked). */
  url: string;
  /** Its origin; empty when blocked. */
  origin: string;
}

/**
 * Classifies an absolute URL for a page on `origin`, knowing the origins of peer services.
 *
 * @example classifyTarget('javascript:alert(1)', 'http://a.test', new Set()) // { kind: 'blocked', ... }
 */
export function classifyTarget(url: string, origin: string, peers: ReadonlySet<string>): Target {
  if (!URL.canParse(url)) return { kind: 'blocked', url, origin: '' };
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { kind: 'blocked', url, origin: '' };
  // A URL with user:password would send credentials nobody set in the explorer.
  if (parsed.username !== '' || parsed.password !== '') return { kind: 'blocked', url, origin: '' };
  const kind = parsed.origin === origin ? 'here' : peers.has(parsed.origin) ? 'peer' : 'elsewhere';
  return { kind, url: parsed.href, origin: parsed.origin };
}

/** The URL without its fragment. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** Why a blocked URL is not followed, for people. */
export function blockedReason(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https')
    return `not followed: ${scheme}: links are never opened`;
  if (URL.canParse(url)) return 'not followed: the link carries credentials in its URL';
  return 'not followed: not a valid URL';
}
