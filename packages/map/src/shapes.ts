import { fieldOptions, type HalFormsProperty } from '@halway/hal';
import type { MapField, MapForm, MapLink } from './model.js';

/** Relations that say nothing about the workflow: identity, metadata and paging. */
export const IGNORED_RELS: ReadonlySet<string> = new Set([
  'self',
  'profile',
  'curies',
  'first',
  'prev',
  'previous',
  'next',
  'last',
]);

/** The constraints of a HAL-FORMS property, as a map keeps them. */
export function fieldShape(property: HalFormsProperty): MapField {
  const field: MapField = { name: property.name };
  if (property.required) field.required = true;
  if (property.type) field.type = property.type;
  if (property.readOnly) field.readOnly = true;
  if (property.min !== undefined) field.min = property.min;
  if (property.max !== undefined) field.max = property.max;
  if (property.minLength !== undefined) field.minLength = property.minLength;
  if (property.maxLength !== undefined) field.maxLength = property.maxLength;
  if (property.regex) field.regex = property.regex;
  if (property.options?.inline) {
    field.options = fieldOptions(property).map((entry) => String(entry.value));
  } else if (property.options?.link) field.remoteOptions = true;
  return field;
}

/**
 * Adds what `extra` knows to `known` without losing anything: forms and links by name, fields
 * of a form by name. What a live document showed wins over what a profile declared, because it
 * carries every HAL-FORMS attribute.
 */
export function mergeForms(known: MapForm[], extra: MapForm, observed: boolean): void {
  const index = known.findIndex((form) => form.name === extra.name);
  if (index === -1) known.push(extra);
  else if (observed) known[index] = extra;
}

/** Adds a link to a kind's list unless its relation is there already. */
export function mergeLinks(known: MapLink[], extra: MapLink): void {
  const existing = known.find((link) => link.rel === extra.rel);
  if (!existing) known.push(extra);
  else if (!existing.title && extra.title) existing.title = extra.title;
}

/**
 * The kind of a resource without a profile: its path with the segments that look like ids
 * (numbers, UUIDs, long hex) replaced by `{id}`.
 */
export function pathShape(url: string): string {
  const { pathname } = new URL(url);
  return (
    pathname
      .split('/')
      .map((segment) =>
        /^\d+$|^[0-9a-f]{8}-[0-9a-f-]{27}$|^[0-9a-f]{16,}$/i.test(segment) ? '{id}' : segment,
      )
      .join('/') || '/'
  );
}

/** Sorts by a key and drops repeats, for lists that must compare equal across runs. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * Whether a URL names a part of a document (it has a fragment, like the JSON Pointer selves
 * `/menu#/_embedded/cs:drinks/0` given to embedded items with no URL of their own) rather than
 * a resource: such a part belongs to its document's kind and state, never to one of its own.
 */
export function isDocumentPart(url: string): boolean {
  return new URL(url).hash.length > 1;
}

/** The URL of the document a URL names or points into: without its fragment. */
export function documentUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
