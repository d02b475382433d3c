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
 * templates; a path-relative one is resolved against the document's own `self`; absolute ones
 * (links into other services) are kept.
 *
 * Clients such as HAL Explorer and Traverson resolve relative hrefs against their own page or the
 * URL a walk started from, not against the document, and so go to the wrong server.
 */
export function absoluteDocument(document: HalDocument, origin: string): HalDocument {
  const self = selfOf(document, origin);
  const copy: HalDocument = { ...document };
  if (document._links) copy._links = absoluteLinks(document._links, origin, self);
  if (document._embedded) copy._embedded = absoluteEmbedded(document._embedded, origin);
  if (document._templates) {
    const templates: Record<string, HalFormsTemplate> = {};
    for (const name in document._templates)
      templates[name] = absoluteTemplate(document._templates[name]!, origin, self);
    copy._templates = templates;
  }
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

function selfOf(document: HalDocument, origin: string): string {
  const self = document._links?.self;
  const href = (Array.isArray(self) ? self[0] : self)?.href;
  return href === undefined || href.includes('{') ? `${origin}/` : absoluteHref(href, origin);
}

function absoluteLinks(links: HalLinks, origin: string, self: string): HalLinks {
  const copy: HalLinks = {};
  for (const rel in links) {
    const value = links[rel]!;
    copy[rel] = Array.isArray(value)
      ? value.map((link) => absoluteLink(link, origin, self))
      : absoluteLink(value, origin, self);
  }
  return copy;
}

function absoluteLink(link: HalLink, origin: string, self: string): HalLink {
  const href = absoluteHref(link.href, origin, self);
  return href === link.href ? link : { ...link, href };
}

function absoluteEmbedded(embedded: HalEmbedded, origin: string): HalEmbedded {
  const copy: HalEmbedded = {};
  for (const rel in embedded) {
    const value = embedded[rel]!;
    copy[rel] = Array.isArray(value)
      ? value.map((item) => absoluteDocument(item, origin))
      : absoluteDocument(value, origin);
  }
  return copy;
}

function absoluteTemplate(
  template: HalFormsTemplate,
  origin: string,
  self: string,
): HalFormsTemplate {
  const { properties } = template;
  const linked = properties?.some((property) => property.options?.link) === true;
  // A form without a target (it posts to self) nor option links has nothing to make absolute.
  if (template.target === undefined && !linked) return template;
  const copy: HalFormsTemplate = { ...template };
  if (template.target !== undefined) copy.target = absoluteHref(template.target, origin, self);
  if (linked && properties) {
    copy.properties = properties.map((property): HalFormsProperty => {
      const link = property.options?.link;
      if (!link) return property;
      return {
        ...property,
        options: {
          ...property.options,
          link: { ...link, href: absoluteHref(link.href, origin, self) },
        },
      };
    });
  }
  return copy;
}
