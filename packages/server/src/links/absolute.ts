import type {
  HalDocument,
  HalEmbedded,
  HalFormsProperty,
  HalFormsTemplate,
  HalLink,
  HalLinks,
} from '@halway/hal';

/**
 * A copy of a document with every href absolute: links (curies included), form `target`s and
 * option links, at every level of `_embedded`. A root-relative href (`/orders/17`, or a template
 * such as `/orders{?page}`) gets `origin` in front, character for character, so templates stay
 * templates; a path-relative one is resolved against the document's own `self` (an embedded
 * resource without one: against its parent's); absolute ones (links into other services) are kept.
 *
 * Clients such as HAL Explorer and Traverson resolve relative hrefs against their own page or the
 * URL a walk started from, not against the document, and so go to the wrong server.
 */
export function absoluteDocument(
  document: HalDocument,
  origin: string,
  parentBase = `${origin}/`,
): HalDocument {
  const base = documentBase(document, origin, parentBase);
  const links = document._links && absoluteLinks(document._links, origin, base);
  const embedded = document._embedded && absoluteEmbedded(document._embedded, origin, base);
  const templates = document._templates && absoluteTemplates(document._templates, origin, base);
  // Copied only where something changed: a document rendered with absolute hrefs is kept whole.
  if (
    links === document._links &&
    embedded === document._embedded &&
    templates === document._templates
  )
    return document;
  const copy: HalDocument = { ...document };
  if (links) copy._links = links;
  if (embedded) copy._embedded = embedded;
  if (templates) copy._templates = templates;
  return copy;
}

/** An href made absolute against `origin` (root-relative) or `base` (path-relative). */
export function absoluteHref(href: string, origin: string, base = `${origin}/`): string {
  // charCodeAt, not a regex or startsWith: this runs for every href of every response.
  if (href.charCodeAt(0) === 47 /* / */) {
    return href.charCodeAt(1) === 47
      ? `${origin.slice(0, origin.indexOf(':') + 1)}${href}`
      : origin + href;
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href)) return href;
  // A relative template cannot go through URL (it would escape the braces): keep it as it is.
  if (href.includes('{') || !URL.canParse(href, base)) return href;
  return new URL(href, base).href;
}

// What a document's path-relative hrefs are resolved against: its absolute `self`, if it has one.
function documentBase(document: HalDocument, origin: string, parentBase: string): string {
  const self = document._links?.self;
  const href = (Array.isArray(self) ? self[0] : self)?.href;
  return href === undefined ? parentBase : baseOf(href, origin);
}

/** What path-relative hrefs are resolved against in a document whose `self` is `self`. */
export function baseOf(self: string | undefined, origin: string): string {
  return self === undefined || self.includes('{') ? `${origin}/` : absoluteHref(self, origin);
}

// The records below are copied on their first change only (a spread copy, then its existing keys
// set: with many relations, building a new record key by key makes a slow V8 dictionary).

function absoluteLinks(links: HalLinks, origin: string, base: string): HalLinks {
  let copy: HalLinks | undefined;
  for (const rel in links) {
    const value = links[rel]!;
    const absolute = Array.isArray(value)
      ? changedItems(value, (link) => absoluteLink(link, origin, base))
      : absoluteLink(value, origin, base);
    if (absolute !== value) (copy ??= { ...links })[rel] = absolute;
  }
  return copy ?? links;
}

/** A link with its href made absolute; the same link when it already was. */
export function absoluteLink(link: HalLink, origin: string, base: string): HalLink {
  const href = absoluteHref(link.href, origin, base);
  return href === link.href ? link : { ...link, href };
}

function absoluteEmbedded(embedded: HalEmbedded, origin: string, base: string): HalEmbedded {
  let copy: HalEmbedded | undefined;
  for (const rel in embedded) {
    const value = embedded[rel]!;
    const absolute = Array.isArray(value)
      ? changedItems(value, (item) => absoluteDocument(item, origin, base))
      : absoluteDocument(value, origin, base);
    if (absolute !== value) (copy ??= { ...embedded })[rel] = absolute;
  }
  return copy ?? embedded;
}

function absoluteTemplates(
  templates: Record<string, HalFormsTemplate>,
  origin: string,
  base: string,
): Record<string, HalFormsTemplate> {
  let copy: Record<string, HalFormsTemplate> | undefined;
  for (const name in templates) {
    const template = templates[name]!;
    const absolute = absoluteTemplate(template, origin, base);
    if (absolute !== template) (copy ??= { ...templates })[name] = absolute;
  }
  return copy ?? templates;
}

// The items mapped, or the same array when no item changed.
function changedItems<T>(items: T[], change: (item: T) => T): T[] {
  let copy: T[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const changed = change(item);
    if (changed !== item) (copy ??= items.slice())[index] = changed;
  }
  return copy ?? items;
}

/** A form with its target and option links made absolute; the same form when they already were. */
export function absoluteTemplate(
  template: HalFormsTemplate,
  origin: string,
  base: string,
): HalFormsTemplate {
  const target =
    template.target === undefined ? undefined : absoluteHref(template.target, origin, base);
  const properties = template.properties && absoluteProperties(template.properties, origin, base);
  // A form without a target (it posts to self) nor relative option links has nothing to change.
  if (target === template.target && properties === template.properties) return template;
  const copy: HalFormsTemplate = { ...template };
  if (target !== undefined) copy.target = target;
  if (properties !== undefined) copy.properties = properties;
  return copy;
}

/** Form properties with their option links made absolute; the same array when they already were. */
export function absoluteProperties(
  properties: HalFormsProperty[],
  origin: string,
  base: string,
): HalFormsProperty[] {
  return changedItems(properties, (property) => absoluteOptions(property, origin, base));
}

function absoluteOptions(
  property: HalFormsProperty,
  origin: string,
  base: string,
): HalFormsProperty {
  const link = property.options?.link;
  if (!link) return property;
  const href = absoluteHref(link.href, origin, base);
  if (href === link.href) return property;
  return { ...property, options: { ...property.options, link: { ...link, href } } };
}
