import { isObject, resolveUrl } from './internal/urls.js';
import { readTemplates, type ResolvedTemplate } from './resolved-template.js';
import {
  filterLinks,
  resolvedLink,
  selectLink,
  type LinkSelector,
  type ResolvedLink,
} from './resolved-link.js';
import type { HalDocument, HalLink } from './types.js';
import { expandUriTemplate } from './uri-template.js';

const RESERVED = new Set(['_links', '_embedded', '_templates']);

/**
 * A read-only view of a HAL (or HAL-FORMS) document in which every href is absolute.
 *
 * Links of the document resolve against the URL it was fetched from. Links inside an embedded
 * resource resolve against that resource's own `self`, so a resource embedded from another
 * service leads back to that service.
 */
export class HalReader<TProperties extends object = Record<string, unknown>> {
  /** The document as received. */
  readonly document: HalDocument;
  /** The URL relative references in this document are resolved against. */
  readonly base: string;
  readonly #links = new Map<string, ResolvedLink[]>();
  #properties?: TProperties;
  #templates?: ResolvedTemplate[];

  /**
   * Reads `document`, fetched from (or embedded in a document fetched from) `base`.
   * Throws a TypeError when `document` is not a JSON object or `base` is not an absolute URL.
   */
  constructor(document: unknown, base: string) {
    if (!isObject(document))
      throw new TypeError('new HalReader(): the document must be a JSON object');
    if (!URL.canParse(base)) {
      throw new TypeError(`new HalReader(): ${JSON.stringify(base)} is not an absolute URL`);
    }
    this.document = document;
    this.base = base;
    this.#readLinks();
  }

  /** The absolute URL of the resource's `self` link, if it has one. */
  get self(): string | undefined {
    return this.#links.get('self')?.[0]?.href;
  }

  /** The URL that identifies this resource: its `self`, or the URL it was read from. */
  get url(): string {
    return this.self ?? this.base;
  }

  /** The resource's own properties, without `_links`, `_embedded` and `_templates`. */
  get properties(): TProperties {
    if (!this.#properties) {
      const properties: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(this.document)) {
        if (!RESERVED.has(name)) properties[name] = value;
      }
      this.#properties = properties as TProperties;
    }
    return this.#properties;
  }

  /** The relations this document has links for (CURIE definitions excluded). */
  rels(): string[] {
    return [...this.#links.keys()].filter((rel) => rel !== 'curies');
  }

  /**
   * The links of a relation, or every link when `rel` is omitted. A relation may be asked for by
   * its CURIE (`acme:widgets`) or by the full URI the CURIE stands for.
   */
  links(rel?: string, selector?: LinkSelector): ResolvedLink[] {
    if (rel === undefined) return this.rels().flatMap((name) => this.#links.get(name)!);
    const found = this.#links.get(rel) ?? this.#linksByExpandedRel(rel);
    return selector ? filterLinks(found, selector) : found;
  }

  /** The first link of a relation that matches `selector`, or undefined. */
  link(rel: string, selector?: LinkSelector): ResolvedLink | undefined {
    return selectLink(this.links(rel), selector);
  }

  /** Whether the document has at least one link of this relation. */
  hasLink(rel: string): boolean {
    return this.links(rel).length > 0;
  }

  /**
   * The documentation URL of a CURIE-prefixed relation (`acme:widgets`), or undefined.
   *
   * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-8.2
   */
  curieDocumentation(rel: string): string | undefined {
    const colon = rel.indexOf(':');
    if (colon <= 0) return undefined;
    const curie = this.#links.get('curies')?.find((link) => link.name === rel.slice(0, colon));
    if (!curie) return undefined;
    return resolveUrl(expandUriTemplate(curie.href, { rel: rel.slice(colon + 1) }), curie.base);
  }

  /** The relations this document embeds resources under. */
  embeddedRels(): string[] {
    return isObject(this.document._embedded) ? Object.keys(this.document._embedded) : [];
  }

  /** The resources embedded under `rel`, each read against its own `self`. */
  embedded<TEmbedded extends object = Record<string, unknown>>(
    rel: string,
  ): HalReader<TEmbedded>[] {
    const embedded = this.document._embedded;
    if (!isObject(embedded)) return [];
    const value = embedded[rel];
    const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return items.filter(isObject).map((item) => new HalReader<TEmbedded>(item, this.#baseOf(item)));
  }

  /** The HAL-FORMS templates, in document order, with targets resolved. */
  templates(): ResolvedTemplate[] {
    this.#templates ??= readTemplates(this.document._templates, this.url, this.base);
    return this.#templates;
  }

  /**
   * A template by name or, without a name, the default one: the template called `default`, else
   * the first.
   *
   * @see https://rwcbook.github.io/hal-forms/#_the_code__templates_code_element
   */
  template(name?: string): ResolvedTemplate | undefined {
    const templates = this.templates();
    if (name !== undefined) return templates.find((template) => template.name === name);
    return templates.find((template) => template.name === 'default') ?? templates[0];
  }

  #readLinks(): void {
    const links = this.document._links;
    if (!isObject(links)) return;
    for (const [rel, value] of Object.entries(links)) {
      const resolved: ResolvedLink[] = [];
      for (const link of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (!isLinkObject(link)) continue;
        const href = link.templated === true ? link.href : resolveUrl(link.href, this.base);
        if (href !== undefined) resolved.push(resolvedLink(link, rel, href, this.base));
      }
      if (resolved.length > 0) this.#links.set(rel, resolved);
    }
  }

  #linksByExpandedRel(rel: string): ResolvedLink[] {
    for (const name of this.#links.keys()) {
      if (name.includes(':') && this.curieDocumentation(name) === rel)
        return this.#links.get(name)!;
    }
    return [];
  }

  #baseOf(item: Record<string, unknown>): string {
    const self = isObject(item._links) ? item._links.self : undefined;
    const link = Array.isArray(self) ? self[0] : self;
    if (!isLinkObject(link) || link.templated === true) return this.base;
    return resolveUrl(link.href, this.base) ?? this.base;
  }
}

/**
 * Reads a HAL document fetched from `url`.
 *
 * @example
 * const order = readHal(await response.json(), response.url);
 * order.link('payment')?.href; // absolute, even when the document says "/payments/17"
 */
export function readHal<TProperties extends object = Record<string, unknown>>(
  document: unknown,
  url: string,
): HalReader<TProperties> {
  return new HalReader<TProperties>(document, url);
}

function isLinkObject(value: unknown): value is HalLink {
  return isObject(value) && typeof value.href === 'string' && value.href !== '';
}
