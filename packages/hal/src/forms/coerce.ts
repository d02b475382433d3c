import type { HalFormsProperty } from '../types.js';
import { fieldOptions, isBoolean, isMultiValued, isNumeric } from './field-kind.js';

/** A raw value from a UI or a query string. */
export type RawFormValue =
  string | boolean | number | readonly (string | number | boolean)[] | null | undefined;

/**
 * Turns raw values (strings from inputs or a query string) into the typed values a template's
 * fields hold: numbers for number fields, booleans for a checkbox, lists for multi-selects, and
 * option values with their own type. Empty strings become "no value". A string that does not
 * parse stays a string, so validation reports it instead of losing it.
 */
export function coerceFormValues(
  properties: readonly HalFormsProperty[],
  raw: Record<string, RawFormValue>,
  remoteOptions: Record<string, readonly unknown[]> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const known = new Set(properties.map((property) => property.name));
  for (const property of properties) {
    const value = coerceField(property, raw[property.name], remoteOptions[property.name]);
    if (value !== undefined) values[property.name] = value;
  }
  for (const [name, value] of Object.entries(raw)) {
    if (!known.has(name) && value !== undefined) values[name] = value;
  }
  return values;
}

function coerceField(
  property: HalFormsProperty,
  raw: RawFormValue,
  remote: readonly unknown[] | undefined,
): unknown {
  if (raw === undefined || raw === null) return undefined;
  // A file is already what it should be: there is nothing to parse.
  if (property.type === 'file') return raw;
  if (isMultiValued(property)) {
    const list = (Array.isArray(raw) ? raw : [raw]) as (string | number | boolean)[];
    return list
      .filter((entry) => entry !== '')
      .map((entry) => toOptionValue(property, entry, remote));
  }
  const scalar = Array.isArray(raw) ? raw[0] : raw;
  if (scalar === undefined || scalar === '') return undefined;
  if (property.options) return toOptionValue(property, scalar as string | number | boolean, remote);
  if (isBoolean(property)) return toBoolean(scalar as string | number | boolean);
  if (isNumeric(property)) return toNumber(scalar as string | number | boolean);
  return typeof scalar === 'string' ? scalar : String(scalar);
}

function toOptionValue(
  property: HalFormsProperty,
  raw: string | number | boolean,
  remote: readonly unknown[] | undefined,
): unknown {
  const match = fieldOptions(property, remote).find(
    (option) => String(option.value) === String(raw),
  );
  return match ? match.value : raw;
}

function toBoolean(raw: string | number | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).toLowerCase();
  if (text === 'true' || text === 'on' || text === '1') return true;
  if (text === 'false' || text === 'off' || text === '0') return false;
  return raw;
}

function toNumber(raw: string | number | boolean): unknown {
  if (typeof raw === 'number') return raw;
  const text = String(raw).trim();
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : raw;
}
