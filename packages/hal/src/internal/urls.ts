// An href that starts with `scheme://` resolves to the same URL whatever the base (the WHATWG
// parser never reads the base after an authority's slashes), so its resolution can be kept: most
// hrefs a service sends are absolute, and the same ones (home, profile, menu) come again and again.
const WITH_AUTHORITY = /^[a-z][a-z\d+.-]*:\/\//i;
const resolvedAbsolute = new Map<string, string>();
const MOST_KEPT = 1000;

/**
 * Resolves `href` against `base`, an absolute URL (readers check theirs); undefined when `href`
 * is not a valid URL reference.
 */
export function resolveUrl(href: string, base: string): string | undefined {
  const absolute = WITH_AUTHORITY.test(href);
  if (absolute) {
    const known = resolvedAbsolute.get(href);
    if (known !== undefined) return known;
  }
  let resolved: string;
  try {
    resolved = new URL(href, base).href;
  } catch {
    return undefined;
  }
  if (absolute) {
    if (resolvedAbsolute.size >= MOST_KEPT) resolvedAbsolute.clear();
    resolvedAbsolute.set(href, resolved);
  }
  return resolved;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
