import { isObject, resolveUrl } from './internal/urls.js';
import {
  FORM_URLENCODED,
  JSON_MEDIA_TYPE,
  MULTIPART_FORM_DATA,
  mediaTypeEssence,
} from './media-types.js';
import type { HalFormsOptions, HalFormsProperty, HalFormsTemplate } from './types.js';
import { isUriTemplate } from './uri-template.js';

/**
 * A HAL-FORMS template as a reader hands it out: defaults applied and URLs made absolute.
 *
 * @see https://rwcbook.github.io/hal-forms/
 */
export interface ResolvedTemplate {
  /** The template's key in `_templates`. */
  name: string;
  /** Its title, or its name when it has none. */
  title: string;
  /** The HTTP method, upper-cased; GET when the template's is empty or not a method token. */
  method: string;
  /**
   * `application/json`, `application/x-www-form-urlencoded` or `multipart/form-data` (unknown
   * types fall back to JSON).
   */
  contentType: string;
  /** Absolute URL to send the request to, or a URI template when `targetTemplated`. */
  target: string;
  /** Whether `target` is an RFC 6570 template to expand with the form's values. */
  targetTemplated: boolean;
  /** The URL a templated target is resolved against once expanded. */
  base: string;
  /** The fields, nameless ones dropped, option links made absolute. */
  properties: HalFormsProperty[];
}

const BODY_TYPES = new Map([FORM_URLENCODED, MULTIPART_FORM_DATA].map((type) => [type, type]));

const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads a `_templates` map; the target defaults to `selfUrl`, relative URLs resolve against `base`. */
export function readTemplates(
  templates: unknown,
  selfUrl: string,
  base: string,
): ResolvedTemplate[] {
  if (!isObject(templates)) return [];
  const result: ResolvedTemplate[] = [];
  for (const [name, value] of Object.entries(templates)) {
    if (!isObject(value) || name === '') continue;
    result.push(readTemplate(name, value, selfUrl, base));
  }
  return result;
}

function readTemplate(
  name: string,
  template: Partial<HalFormsTemplate>,
  selfUrl: string,
  base: string,
): ResolvedTemplate {
  const rawTarget =
    typeof template.target === 'string' && template.target !== '' ? template.target : undefined;
  const targetTemplated = rawTarget !== undefined && isUriTemplate(rawTarget);
  const target =
    rawTarget === undefined
      ? selfUrl
      : targetTemplated
        ? rawTarget
        : (resolveUrl(rawTarget, base) ?? selfUrl);
  const method =
    typeof template.method === 'string' && METHOD_TOKEN.test(template.method)
      ? template.method.toUpperCase()
      : 'GET';
  return {
    name,
    title: typeof template.title === 'string' && template.title !== '' ? template.title : name,
    method,
    contentType: BODY_TYPES.get(mediaTypeEssence(template.contentType)) ?? JSON_MEDIA_TYPE,
    target,
    targetTemplated,
    base,
    properties: (Array.isArray(template.properties) ? template.properties : [])
      .filter(
        (property): property is HalFormsProperty =>
          isObject(property) && typeof property.name === 'string' && property.name !== '',
      )
      .map((property) => resolveOptionsLink(property, base)),
  };
}

function resolveOptionsLink(property: HalFormsProperty, base: string): HalFormsProperty {
  const link = property.options?.link;
  if (!link || typeof link.href !== 'string' || link.templated === true) return property;
  const href = resolveUrl(link.href, base);
  if (href === undefined) return property;
  const options: HalFormsOptions = { ...property.options, link: { ...link, href } };
  return { ...property, options };
}
