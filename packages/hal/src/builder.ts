import type { HalDocument, HalFormsTemplate, HalLink } from './types.js';

const RESERVED = new Set(['_links', '_embedded', '_templates']);

/** A link given to the builder: a link object, or just its href. */
export type HalLinkInput = HalLink | string;

/** Anything the builder can embed: a finished document or another builder. */
export type HalEmbeddable = HalDocument | HalBuilder;

/**
 * Builds a HAL document step by step.
 *
 * A relation is either single (`link`, `embed`) or a list (`links`, `embedAll`) and cannot
 * change between the two, as the HAL draft requires: clients rely on the shape of a relation.
 *
 * @example
 * const order = createHalBuilder({ status: 'paid' })
 *   .self('/orders/17')
 *   .link('receipt', { href: 'https://payments.example/receipts/9', title: 'Receipt' })
 *   .toJSON();
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11
 */
export class HalBuilder {
  readonly #properties: Record<string, unknown> = {};
  readonly #links: Record<string, HalLink | HalLink[]> = {};
  readonly #embedded: Record<string, HalDocument | HalDocument[]> = {};
  readonly #templates: Record<string, HalFormsTemplate> = {};
  // Whether each part has an entry: with many relations the records are V8 dictionaries, and
  // asking one whether it has a key (for...in, Object.keys) lists and sorts all of them.
  #hasLinks = false;
  #hasEmbedded = false;
  #hasTemplates = false;

  /** Starts a document with the given properties. */
  constructor(properties: Record<string, unknown> = {}) {
    this.properties(properties);
  }

  /** Sets one property. `_links`, `_embedded` and `_templates` are reserved. */
  property(name: string, value: unknown): this {
    if (RESERVED.has(name)) {
      throw new TypeError(
        `HalBuilder.property(): "${name}" is reserved by HAL; use the link, embed or template methods`,
      );
    }
    if (value !== undefined) this.#properties[name] = value;
    return this;
  }

  /** Sets several properties. */
  properties(properties: Record<string, unknown>): this {
    for (const name in properties) {
      if (Object.hasOwn(properties, name)) this.property(name, properties[name]);
    }
    return this;
  }

  /** Sets the `self` link. */
  self(link: HalLinkInput): this {
    return this.link('self', link);
  }

  /** Sets the single link of a relation. Throws if the relation already has a link. */
  link(rel: string, link: HalLinkInput): this {
    checkRel('link', rel);
    if (Object.hasOwn(this.#links, rel)) {
      throw new TypeError(
        `HalBuilder.link(): relation "${rel}" already has a link; use links() for a relation with several`,
      );
    }
    this.#links[rel] = toLink('link', link);
    this.#hasLinks = true;
    return this;
  }

  /**
   * Adds links to a relation that is a list. The relation is written as an array even with one
   * link, so its shape does not depend on how many there are today.
   */
  links(rel: string, links: HalLinkInput[]): this {
    checkRel('links', rel);
    const existing = Object.hasOwn(this.#links, rel) ? this.#links[rel] : undefined;
    if (existing !== undefined && !Array.isArray(existing)) {
      throw new TypeError(`HalBuilder.links(): relation "${rel}" already holds a single link`);
    }
    this.#links[rel] = [...(existing ?? []), ...links.map((link) => toLink('links', link))];
    this.#hasLinks = true;
    return this;
  }

  /**
   * Declares a CURIE: `name:x` relations are documented at `href` with `{rel}` replaced by `x`.
   *
   * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-8.2
   */
  curie(name: string, href: string): this {
    if (!href.includes('{rel}')) {
      throw new TypeError(`HalBuilder.curie(): the href of CURIE "${name}" must contain {rel}`);
    }
    return this.links('curies', [{ name, href, templated: true }]);
  }

  /** Embeds one resource under a relation. Throws if the relation already has one. */
  embed(rel: string, resource: HalEmbeddable): this {
    checkRel('embed', rel);
    if (Object.hasOwn(this.#embedded, rel)) {
      throw new TypeError(
        `HalBuilder.embed(): relation "${rel}" already has an embedded resource; use embedAll()`,
      );
    }
    this.#embedded[rel] = toDocument(resource);
    this.#hasEmbedded = true;
    return this;
  }

  /** Embeds resources under a relation that is a list (an array, even when empty). */
  embedAll(rel: string, resources: HalEmbeddable[]): this {
    checkRel('embedAll', rel);
    const existing = Object.hasOwn(this.#embedded, rel) ? this.#embedded[rel] : undefined;
    if (existing !== undefined && !Array.isArray(existing)) {
      throw new TypeError(
        `HalBuilder.embedAll(): relation "${rel}" already holds a single resource`,
      );
    }
    this.#embedded[rel] = [...(existing ?? []), ...resources.map(toDocument)];
    this.#hasEmbedded = true;
    return this;
  }

  /**
   * Adds a HAL-FORMS template. Names are the author's: a single template is called `default`
   * only when the author calls it so.
   *
   * @see https://rwcbook.github.io/hal-forms/
   */
  template(name: string, template: HalFormsTemplate): this {
    if (name === '') throw new TypeError('HalBuilder.template(): the name must not be empty');
    if (name === '__proto__')
      throw new TypeError('HalBuilder.template(): "__proto__" cannot be the name of a template');
    if (Object.hasOwn(this.#templates, name))
      throw new TypeError(`HalBuilder.template(): template "${name}" is already defined`);
    this.#templates[name] = template;
    this.#hasTemplates = true;
    return this;
  }

  /** The finished document: `_links` first, then properties, `_embedded` and `_templates`. */
  toJSON(): HalDocument {
    const document: HalDocument = {};
    if (this.#hasLinks) document._links = this.#links;
    Object.assign(document, this.#properties);
    if (this.#hasEmbedded) document._embedded = this.#embedded;
    if (this.#hasTemplates) document._templates = this.#templates;
    return document;
  }
}

/** Starts building a HAL document. */
export function createHalBuilder(properties: Record<string, unknown> = {}): HalBuilder {
  return new HalBuilder(properties);
}

// Names are keys of plain records: any name but `__proto__`, which, assigned, sets a record's
// prototype rather than adding a key.
function checkRel(method: string, rel: string): void {
  if (typeof rel !== 'string' || rel.trim() === '') {
    throw new TypeError(`HalBuilder.${method}(): the relation must be a non-empty string`);
  }
  if (rel === '__proto__')
    throw new TypeError(`HalBuilder.${method}(): "__proto__" cannot be a relation`);
}

function toLink(method: string, link: HalLinkInput): HalLink {
  const result = typeof link === 'string' ? { href: link } : link;
  if (typeof result?.href !== 'string' || result.href === '') {
    throw new TypeError(`HalBuilder.${method}(): every link needs a non-empty href`);
  }
  return result;
}

function toDocument(resource: HalEmbeddable): HalDocument {
  return resource instanceof HalBuilder ? resource.toJSON() : resource;
}
