import type { HalLink, HalLinkInput } from '@halway/hal';
import { absoluteHref } from '../links/absolute.js';
import { jsonString, needsNoEscape } from '../representations/json-string.js';
import type { CompiledAction } from './compile.js';
import type { RequestContext } from './context.js';
import { formBody } from './form-text.js';
import { targetOf } from './form-target.js';
import { hrefTo, type Hrefs } from './hrefs.js';
import type { LinkMap } from './resource.js';

type Context = RequestContext<Record<string, string | undefined>>;

/** What a document is written from: the parts `renderDocument` builds it from. */
export interface DocumentParts {
  /** The `self` link, absolute, with its hints if any. */
  self: HalLinkInput;
  /** The ALPS profile link, if the document gets one. */
  profile: HalLink | undefined;
  /** The resource's own links. */
  links: LinkMap;
  /** Its properties: an object `writableProperties` accepted. */
  properties: object;
  /** The actions the caller may take in this state, in order (at least one). */
  available: CompiledAction[];
  /** The service's CURIEs, for a document using its relations; undefined without them. */
  curies: CuriesText | undefined;
}

/** A service's CURIE, and the prefix of the relations it documents. */
export interface CuriesText {
  /** `cs:` for relations such as `cs:receipt`. */
  prefix: string;
  /** The one link of the `curies` relation. */
  curie: { name: string; href: string; templated: true };
}

/**
 * A resource's document as JSON text, written from its parts rather than built as objects and
 * then serialized: with many links or forms, building them was most of a read's cost. The text
 * is byte for byte what `JSON.stringify` gives for the document `renderDocument` builds from
 * the same parts (a differential test holds the two together). Undefined, before any form's
 * values are asked for, when a link or form is one the builder refuses (a second `self`, no
 * href): the caller then builds the document, and the builder says what is wrong.
 */
export function writeDocument(
  parts: DocumentParts,
  state: unknown,
  context: Context,
  hrefs: Hrefs,
): string | undefined {
  // A form the builder refuses.
  if (parts.available.some((action) => action.name === '__proto__')) return undefined;
  const links = linksText(parts, hrefs);
  if (links === undefined) return undefined;
  const properties = JSON.stringify(parts.properties);
  let text = `{"_links":${links}`;
  if (properties.length > 2) text += `,${properties.slice(1, -1)}`;
  text += ',"_templates":{';
  const self = typeof parts.self === 'string' ? parts.self : parts.self.href;
  for (let index = 0; index < parts.available.length; index++) {
    const action = parts.available[index]!;
    const values = action.declaration.options.values?.(state, context);
    const form = formBody(
      action.formText,
      action.properties,
      values && action.properties.length > 0 ? values : undefined,
      hrefs,
      targetOf(action, context, self, hrefs),
    );
    text += `${index === 0 ? '' : ','}${jsonString(action.name)}:${form}`;
  }
  return `${text}}}`;
}

/**
 * Whether a resource's properties can be written as their own JSON text: a plain object whose
 * keys the builder takes as they are (no reserved name; no array index, which an object lists
 * before `_links`; no own `__proto__`, which the builder's copy takes as its prototype) and that
 * has no `toJSON` of its own.
 */
export function writableProperties(properties: unknown): properties is object {
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
    return false;
  if (typeof (properties as { toJSON?: unknown }).toJSON === 'function') return false;
  const own = Object.prototype.propertyIsEnumerable;
  if (
    own.call(properties, '_links') ||
    own.call(properties, '_embedded') ||
    own.call(properties, '_templates') ||
    own.call(properties, '__proto__')
  )
    return false;
  for (const name in properties) {
    if (!Object.hasOwn(properties, name)) continue;
    // Array indices come first in an object's keys: a digit first is the only place to look.
    const first = name.charCodeAt(0);
    return first < 48 || first > 57;
  }
  return true;
}

// The `_links` object. Relation names and hrefs are written unescaped first and checked all at
// once (one test of them joined costs less than one each); a document with one that needs
// escaping is written again, escaping each.
function linksText(parts: DocumentParts, hrefs: Hrefs): string | undefined {
  const links = new LinksWriter(hrefs, false);
  if (!links.write(parts)) return undefined;
  if (needsNoEscape(links.unescaped)) {
    links.keepRelations();
    return links.text;
  }
  const escaped = new LinksWriter(hrefs, true);
  return escaped.write(parts) ? escaped.text : undefined;
}

// Relation names found to need no escaping (most documents use the same few, checked once),
// each with the text a string link under it starts with: `,"rel":{"href":"`.
const cleanRelations = new Map<string, string>();
const CLEAN_RELATIONS_KEPT = 1000;

// Writes a document's links as JSON text, keeping what it wrote unescaped.
class LinksWriter {
  text = '';
  // Every string written in quotes unescaped, but relation names known to need no escaping: new
  // relation names, the origin, and hrefs as given (absoluteHref puts the origin or a scheme
  // before them, or gives what the URL parser made of them, which percent-encodes all that JSON
  // would escape).
  unescaped = '';
  readonly #hrefs: Hrefs;
  readonly #escaping: boolean;
  #newRelations: string[] | undefined;

  constructor(hrefs: Hrefs, escaping: boolean) {
    this.#hrefs = hrefs;
    this.#escaping = escaping;
    this.unescaped = hrefs.origin;
  }

  /** Writes the links; false for one the builder refuses. */
  write({ self, profile, links, curies }: DocumentParts): boolean {
    // Own keys, as for...in would list them, but without its check of each key: unless the
    // links or Object.prototype have inherited ones to list too.
    if (!listsOwnKeysOnly(links)) return false;
    let text = `{"self":${this.#link(self, self)}`;
    if (profile !== undefined)
      text += `,"profile":${this.#link(profile, hrefTo(profile, this.#hrefs))}`;
    // As withCuries: a `curies` link where a relation has the prefix, unless there is one.
    let needsCuries = false;
    let hasCuries = false;
    const rels = Object.keys(links);
    for (let at = 0; at < rels.length; at++) {
      const rel = rels[at]!;
      const value = links[rel];
      if (value === undefined) continue;
      if (rel === 'self' || rel === '__proto__' || isBlank(rel)) return false;
      if (curies !== undefined) {
        if (rel === 'curies') hasCuries = true;
        else if (rel.startsWith(curies.prefix)) needsCuries = true;
      }
      if (typeof value === 'string' && !this.#escaping) {
        // The most common link, in one concatenation: each piece is a string V8 must copy again.
        if (value === '') return false;
        const { origin, base } = this.#hrefs;
        const href = absoluteHref(value, origin, base);
        const start = cleanRelations.get(rel);
        if (start === undefined) {
          text = `${text},"${rel}":{"href":"${href}"}`;
          this.#written(rel);
        } else text = `${text}${start}${href}"}`;
        this.unescaped += value;
        continue;
      }
      let written: string | undefined;
      if (Array.isArray(value)) {
        written = '[';
        for (let index = 0; index < value.length; index++) {
          const item = this.#link(value[index]!, hrefTo(value[index]!, this.#hrefs));
          if (item === undefined) return false;
          written += index === 0 ? item : `,${item}`;
        }
        written += ']';
      } else {
        written = this.#link(value, hrefTo(value, this.#hrefs));
        if (written === undefined) return false;
      }
      text = `${text},${this.#quote(rel)}:${written}`;
      this.#written(rel);
    }
    if (needsCuries && !hasCuries) text += `,"curies":${JSON.stringify([curies!.curie])}`;
    this.text = `${text}}`;
    return true;
  }

  // Keeps a relation name written unescaped to be checked, unless known to need no escaping.
  #written(rel: string): void {
    if (this.#escaping || cleanRelations.has(rel)) return;
    this.unescaped += rel;
    (this.#newRelations ??= []).push(rel);
  }

  /** Remembers the new relation names as needing no escaping, once `unescaped` was checked. */
  keepRelations(): void {
    for (const rel of this.#newRelations ?? [])
      if (cleanRelations.size < CLEAN_RELATIONS_KEPT)
        cleanRelations.set(rel, `,"${rel}":{"href":"`);
  }

  // A link as JSON text (`given` as the resource gave it, `link` made absolute); undefined for
  // one the builder refuses, or one with a toJSON of its own (JSON.stringify would call it with
  // the relation's name, which this text cannot).
  #link(given: HalLinkInput, link: HalLinkInput): string | undefined {
    if (typeof link === 'string') {
      if (link === '') return undefined;
      this.unescaped += given as string;
      return `{"href":${this.#quote(link)}}`;
    }
    const candidate = link as Partial<HalLink> | null | undefined;
    if (typeof candidate?.href !== 'string' || candidate.href === '') return undefined;
    if (typeof (candidate as { toJSON?: unknown }).toJSON === 'function') return undefined;
    return JSON.stringify(candidate);
  }

  #quote(text: string): string {
    return this.#escaping ? jsonString(text) : `"${text}"`;
  }
}

// Whether for...in lists a record's own keys only: its prototype is Object.prototype (or none),
// with no enumerable property of its own (which for...in would list in every record).
function listsOwnKeysOnly(record: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(record);
  if (prototype === null) return true;
  if (prototype !== Object.prototype) return false;
  for (const _ in Object.prototype) return false;
  return true;
}

// Whether a relation name is one the builder refuses as empty; a printable ASCII character
// first says it is not without trimming it.
function isBlank(rel: string): boolean {
  const first = rel.charCodeAt(0);
  return !(first > 32 && first < 127) && rel.trim() === '';
}
