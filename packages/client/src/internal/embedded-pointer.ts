/** One step into a document's `_embedded`: the relation and the position in it. */
export interface EmbeddedStep {
  /** The relation in `_embedded`. */
  rel: string;
  /** The position in its list (0 for a single resource). */
  index: number;
}

const PREFIX = '#/_embedded/';

/**
 * The URL of an embedded resource that has no `self`: the URL of the document it is embedded
 * in, with a fragment that points at it (`…/orders/7#/_embedded/notes/0`). It is plain text, so
 * it can be kept in a workflow cursor, and the client can find the resource again from it.
 */
export function embeddedUrl(parentUrl: string, rel: string, index: number): string {
  const segment = encodeURIComponent(rel.replace(/~/g, '~0').replace(/\//g, '~1'));
  const prefix = parseEmbeddedUrl(parentUrl) ? parentUrl : `${stripHash(parentUrl)}#`;
  return `${prefix}/_embedded/${segment}/${index}`;
}

/** Splits an embedded-resource URL into the document URL and the steps; undefined for others. */
export function parseEmbeddedUrl(
  url: string,
): { documentUrl: string; steps: EmbeddedStep[] } | undefined {
  const hash = url.indexOf('#');
  if (hash === -1 || !url.startsWith(PREFIX, hash)) return undefined;
  const parts = url.slice(hash + 2).split('/');
  if (parts.length % 3 !== 0) return undefined;
  const steps: EmbeddedStep[] = [];
  for (let i = 0; i < parts.length; i += 3) {
    const index = Number(parts[i + 2]);
    if (parts[i] !== '_embedded' || !Number.isInteger(index) || index < 0) return undefined;
    let rel: string;
    try {
      rel = decodeURIComponent(parts[i + 1]!);
    } catch {
      return undefined;
    }
    steps.push({ rel: rel.replace(/~1/g, '/').replace(/~0/g, '~'), index });
  }
  return { documentUrl: url.slice(0, hash), steps };
}

function stripHash(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
