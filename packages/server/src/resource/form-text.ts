import { isScalar, withValues, type HalFormsProperty, type HalFormsTemplate } from '@halway/hal';
import { absoluteProperties } from '../links/absolute.js';
import { jsonString } from '../representations/json-string.js';
import type { Hrefs } from './hrefs.js';

/**
 * An action's compiled form as JSON text, cut once at start-up where what a request adds goes
 * in: the properties with their values, and the target. Written back together, the parts are
 * what `JSON.stringify` gives for the form the renderer would build (same keys, same order).
 */
export interface FormText {
  /** The compiled form, whole. */
  whole: string;
  /** Up to its properties (`…"properties":`); without properties, all but the closing brace. */
  head: string;
  /** After its properties, without the closing brace ('' without properties). */
  tail: string;
  /** The compiled properties, as one array ('' without properties). */
  properties: string;
  /** Each property's text, in order. */
  fields: FieldText[];
  /** Whether a property has options (their selected values and links are made per request). */
  hasOptions: boolean;
}

/** One form property as JSON text, cut where its value goes. */
interface FieldText {
  /** The property as compiled; undefined when the form object is needed for it (options). */
  plain: string | undefined;
  /** Up to its value's string (`…"value":`). */
  beforeValue: string;
  /** After its value's string, with the closing brace. */
  afterValue: string;
  /** The property with no value, as a `null` value leaves it. */
  withoutValue: string;
}

/** Cuts an action's compiled form and properties into their text parts. */
export function formTextOf(template: HalFormsTemplate, properties: HalFormsProperty[]): FormText {
  const whole = JSON.stringify(template);
  const fields = properties.map(fieldTextOf);
  const hasOptions = fields.some((field) => field.plain === undefined);
  if (template.properties === undefined)
    return { whole, head: whole.slice(0, -1), tail: '', properties: '', fields, hasOptions };
  const [head, tail] = cut(whole, (mark) => ({ ...template, properties: mark }));
  return {
    whole,
    head,
    tail: tail.slice(0, -1),
    properties: JSON.stringify(properties),
    fields,
    hasOptions,
  };
}

function fieldTextOf(property: HalFormsProperty): FieldText {
  const withoutValue = JSON.stringify({ ...property, value: undefined });
  if (property.options !== undefined)
    return { plain: undefined, beforeValue: '', afterValue: '', withoutValue };
  const plain = JSON.stringify(property);
  const [beforeValue, afterValue] = cut(plain, (mark) => ({ ...property, value: mark }));
  return { plain, beforeValue, afterValue, withoutValue };
}

// The text of `marked(mark)` before and after where `mark` is, with a mark that `whole` (the
// same object's text without it) does not contain: so it is found only where it was put.
function cut(whole: string, marked: (mark: string) => object): [string, string] {
  let mark = '\u0000halway';
  while (whole.includes(JSON.stringify(mark).slice(1, -1))) mark += '\u0000';
  const markText = JSON.stringify(mark);
  const text = JSON.stringify(marked(mark));
  const at = text.indexOf(markText);
  return [text.slice(0, at), text.slice(at + markText.length)];
}

/**
 * The text of an action's form in a state: its properties with `values` (given only when the
 * form has properties), option links absolute with `hrefs`, and `target` when not `self`.
 */
export function formBody(
  text: FormText,
  properties: HalFormsProperty[],
  values: Record<string, unknown> | undefined,
  hrefs: Hrefs,
  target: string | undefined,
): string {
  const fields =
    values === undefined && !text.hasOptions
      ? undefined
      : fieldsBody(text, properties, values, hrefs);
  if (target === undefined && fields === undefined) return text.whole;
  const end = target === undefined ? '}' : `,"target":${jsonString(target)}}`;
  return text.head + (fields ?? text.properties) + text.tail + end;
}

// The properties with their values, as one array.
function fieldsBody(
  text: FormText,
  properties: HalFormsProperty[],
  values: Record<string, unknown> | undefined,
  hrefs: Hrefs,
): string {
  let body = '[';
  for (let index = 0; index < properties.length; index++) {
    if (index > 0) body += ',';
    body += fieldBody(text.fields[index]!, properties[index]!, values, hrefs);
  }
  return `${body}]`;
}

// A property with its value, as `withValues` and `absoluteProperties` would leave it.
function fieldBody(
  field: FieldText,
  property: HalFormsProperty,
  values: Record<string, unknown> | undefined,
  hrefs: Hrefs,
): string {
  if (field.plain === undefined) {
    const valued = values === undefined ? [property] : withValues([property], values);
    return JSON.stringify(absoluteProperties(valued, hrefs.origin, hrefs.base)[0]);
  }
  const value = values?.[property.name];
  if (value === undefined) return field.plain;
  if (isScalar(value)) return field.beforeValue + jsonString(String(value)) + field.afterValue;
  return value === null ? field.withoutValue : field.plain;
}
