import { FORM_URLENCODED, JSON_MEDIA_TYPE, MULTIPART_FORM_DATA } from '../media-types.js';
import type { ResolvedTemplate } from '../resolved-template.js';
import {
  expandUriTemplate,
  uriTemplateVariables,
  type UriTemplateVariables,
} from '../uri-template.js';

/** An HTTP request ready to send, built from a template and values. */
export interface FormRequest {
  /** Upper-case method. */
  method: string;
  /** Absolute URL, query included. */
  url: string;
  /** `Content-Type` (and nothing else) when there is a body. */
  headers: Record<string, string>;
  /** The encoded body, for methods that carry one. */
  body?: string;
  /**
   * For `multipart/form-data`: the values as parts, in field order, one per value (a list gives
   * several). Writing them out (the boundary, file bytes) is the sender's job; `body` is absent.
   */
  parts?: [name: string, value: unknown][];
}

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * Encodes a submission as the HAL-FORMS spec says: GET, HEAD and DELETE carry the values in the
 * query; other methods in a JSON or urlencoded body per the template's `contentType`, or as
 * `parts` for `multipart/form-data`. A
 * templated target is expanded first, and the values it used are not sent again. Query
 * parameters already in the target are kept. Only the template's fields are sent.
 *
 * @example
 * encodeForm(searchTemplate, { status: 'paid' });
 * // { method: 'GET', url: 'https://shop.example/orders?status=paid', headers: {} }
 * @see https://rwcbook.github.io/hal-forms/#_encoding_requests
 */
export function encodeForm(
  template: ResolvedTemplate,
  values: Record<string, unknown>,
): FormRequest {
  const fields = new Map<string, unknown>();
  for (const property of template.properties) {
    const value = values[property.name];
    if (value !== undefined) fields.set(property.name, value);
  }

  let url = template.target;
  if (template.targetTemplated) {
    const variables: UriTemplateVariables = {};
    for (const name of uriTemplateVariables(template.target)) {
      variables[name] = fields.get(name) as UriTemplateVariables[string];
      fields.delete(name);
    }
    url = new URL(expandUriTemplate(template.target, variables), template.base).href;
  }

  if (QUERY_METHODS.has(template.method)) {
    const target = new URL(url);
    for (const [name, value] of fields) appendParameter(target.searchParams, name, value, true);
    return { method: template.method, url: target.href, headers: {} };
  }
  if (template.contentType === MULTIPART_FORM_DATA) {
    const parts: [string, unknown][] = [];
    for (const [name, value] of fields) {
      for (const entry of Array.isArray(value) ? value : [value]) {
        if (entry !== null && entry !== undefined) parts.push([name, entry]);
      }
    }
    return { method: template.method, url, headers: {}, parts };
  }
  if (template.contentType === FORM_URLENCODED) {
    const body = new URLSearchParams();
    for (const [name, value] of fields) appendParameter(body, name, value, false);
    return {
      method: template.method,
      url,
      headers: { 'content-type': FORM_URLENCODED },
      body: body.toString(),
    };
  }
  return {
    method: template.method,
    url,
    headers: { 'content-type': JSON_MEDIA_TYPE },
    body: JSON.stringify(Object.fromEntries(fields)),
  };
}

function appendParameter(
  params: URLSearchParams,
  name: string,
  value: unknown,
  skipEmpty: boolean,
): void {
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (entry === null || entry === undefined || (skipEmpty && entry === '')) continue;
    params.append(name, typeof entry === 'object' ? JSON.stringify(entry) : String(entry));
  }
}
