import type { HalFormsProperty, HalFormsScalar } from '../types.js';
import { isObject } from '../internal/urls.js';

const DATE_TYPES = new Set(['date', 'month', 'week', 'time', 'datetime-local']);
const NUMBER_TYPES = new Set(['number', 'range']);

/** Whether a field holds a list: it has options and may select more than one. */
export function isMultiValued(property: HalFormsProperty): boolean {
  return property.options !== undefined && property.options.maxItems !== 1;
}

/** Whether a field holds a number. */
export function isNumeric(property: HalFormsProperty): boolean {
  return NUMBER_TYPES.has(property.type ?? 'text');
}

/** Whether a field is a yes/no checkbox (a checkbox without options). */
export function isBoolean(property: HalFormsProperty): boolean {
  return property.type === 'checkbox' && property.options === undefined;
}

/** Whether a field holds a date, time or both, compared as ISO strings. */
export function isDateLike(property: HalFormsProperty): boolean {
  return DATE_TYPES.has(property.type ?? 'text');
}

/** One option of a field, as shown and as sent. */
export interface FieldOption {
  /** What the user sees. */
  prompt: string;
  /** What is sent. */
  value: HalFormsScalar;
}

/**
 * The options of a field: its inline options, or `remote` (the entries fetched from its options
 * link), read with the field's `promptField` and `valueField`.
 */
export function fieldOptions(
  property: HalFormsProperty,
  remote?: readonly unknown[],
): FieldOption[] {
  const entries = remote ?? property.options?.inline ?? [];
  const promptField = property.options?.promptField ?? 'prompt';
  const valueField = property.options?.valueField ?? 'value';
  const options: FieldOption[] = [];
  for (const entry of entries) {
    if (isScalar(entry)) {
      options.push({ prompt: String(entry), value: entry });
    } else if (isObject(entry) && isScalar(entry[valueField])) {
      const value = entry[valueField];
      const prompt = entry[promptField];
      options.push({ prompt: isScalar(prompt) ? String(prompt) : String(value), value });
    }
  }
  return options;
}

/**
 * The entries of an option list fetched from an options link: a JSON array (of values, or of
 * objects read with `promptField`/`valueField`), an object with an `inline` array, or a HAL
 * document whose first embedded list is taken. Anything else yields no entries.
 *
 * @see https://rwcbook.github.io/hal-forms/#options-element
 */
export function optionEntries(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return [];
  if (Array.isArray(body.inline)) return body.inline;
  if (isObject(body._embedded)) {
    const list = Object.values(body._embedded).find(Array.isArray);
    if (list) return list as unknown[];
  }
  return [];
}

/** Whether a value is a string, a finite number or a boolean. */
export function isScalar(value: unknown): value is HalFormsScalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** A Blob or File, as a form's file field holds it. */
export interface FileLike {
  /** Size in bytes. */
  size: number;
  /** Media type. */
  type: string;
  /** The file's name, for a File. */
  name?: string;
  /** The bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Whether a value is a Blob or File, recognised by its shape: this package runs where those
 * classes may not exist, and values may come from another realm.
 */
export function isFileLike(value: unknown): value is FileLike {
  const blob = value as Partial<FileLike> | null;
  return (
    typeof blob === 'object' &&
    blob !== null &&
    typeof blob.size === 'number' &&
    typeof blob.type === 'string' &&
    typeof blob.arrayBuffer === 'function'
  );
}
