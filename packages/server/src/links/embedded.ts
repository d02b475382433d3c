import type { HalDocument, HalEmbedded, HalLink, HalLinks } from '@halway/hal';

/**
 * A copy of a document that follows two HAL recommendations for its embedded resources, at every
 * level:
 *
 * - every embedded resource has a `self`: one without a URL of its own gets the URL of where it
 *   is, the document's `self` with a JSON Pointer fragment (`/menu#/_embedded/drinks/0`);
 * - every embedded resource with a URL of its own is also linked under the same relation, so a
 *   client that reads links only can reach it (HAL §8.3). A relation the document already links
 *   is left as it is.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-8.3
 */
export function linkEmbedded(document: HalDocument): HalDocument {
  if (document._embedded === undefined) return document;
  const self = selfHref(document);
  const embedded: HalEmbedded = {};
  const links: HalLinks = { ...document._links };
  for (const [rel, value] of Object.entries(document._embedded)) {
    const items = (Array.isArray(value) ? value : [value]).map((item: HalDocument, index) =>
      withSelf(linkEmbedded(item), self, rel, Array.isArray(value) ? index : undefined),
    );
    embedded[rel] = Array.isArray(value) ? items : items[0]!;
    // Own keys only: a relation such as `constructor` is found on every object's prototype.
    if (!Object.hasOwn(links, rel) || links[rel] === undefined) {
      const own = items.filter((item) => !selfHref(item)?.includes('#/_embedded/'));
      const linked = own.map((item): HalLink => {
        const link = item._links!.self as HalLink;
        return link.title === undefined
          ? { href: link.href }
          : { href: link.href, title: link.title };
      });
      if (Array.isArray(value)) {
        if (linked.length > 0) links[rel] = linked;
      } else if (linked[0] !== undefined) links[rel] = linked[0];
    }
  }
  return { ...document, _links: links, _embedded: embedded };
}

function withSelf(
  item: HalDocument,
  parent: string | undefined,
  rel: string,
  index: number | undefined,
): HalDocument {
  if (selfHref(item) !== undefined || parent === undefined) return item;
  const pointer = ['', '_embedded', rel, ...(index === undefined ? [] : [String(index)])]
    .map((token) => token.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/');
  const href = `${parent.split('#')[0]}#${encodeURI(pointer)}`;
  return { ...item, _links: { ...item._links, self: { href } } };
}

function selfHref(document: HalDocument): string | undefined {
  const self = document._links?.self;
  return (Array.isArray(self) ? self[0] : self)?.href;
}
