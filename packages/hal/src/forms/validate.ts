import type { HalFormsProperty } from '../types.js';
import { constraintMessage, type FieldError, type FormConstraint } from './constraints.js';
import {
  fieldOptions,
  isFileLike,
  isBoolean,
  isDateLike,
  isMultiValued,
  isNumeric,
  isScalar,
} from './field-kind.js';
import { compileFieldRegex } from './field-regex.js';
import { INPUT_FORMATS } from './input-formats.js';

/** Extra knowledge the validator cannot find in the template itself. */
export interface ValidateFormOptions {
  /** For fields whose options come from a link: the entries fetched from it, by field name. */
  remoteOptions?: Record<string, readonly unknown[]>;
}

/** Anything with HAL-FORMS properties: a template, a resolved template. */
export interface HasProperties {
  /** The fields. */
  properties?: readonly HalFormsProperty[];
}

/**
 * Checks values against every constraint of a HAL-FORMS template: required, type, regex,
 * min/max, step, minLength/maxLength, options, minItems/maxItems and readOnly; values for
 * fields the template does not have are reported too. Returns no errors when all is well.
 *
 * Values are typed as they would be sent in JSON: numbers for number fields, booleans for a
 * checkbox, lists for multi-selects. Use `coerceFormValues` first on strings from a UI.
 *
 * @example
 * validateForm(template, { quantity: 11 });
 * // [{ field: 'quantity', constraint: 'max', message: 'must be at most 10' }]
 * @see https://rwcbook.github.io/hal-forms/#_the_property_element
 */
export function validateForm(
  template: HasProperties,
  values: Record<string, unknown>,
  options: ValidateFormOptions = {},
): FieldError[] {
  const properties = template.properties ?? [];
  const errors: FieldError[] = [];
  const known = new Set(properties.map((property) => property.name));
  for (const property of properties) {
    const remote = options.remoteOptions?.[property.name];
    for (const [constraint, allowed] of checkField(property, values[property.name], remote)) {
      errors.push({
        field: property.name,
        constraint,
        message: constraintMessage(constraint, property, allowed),
      });
    }
  }
  for (const [name, value] of Object.entries(values)) {
    if (!known.has(name) && value !== undefined) {
      errors.push({
        field: name,
        constraint: 'unknown',
        message: constraintMessage('unknown', undefined),
      });
    }
  }
  return errors;
}

type Failure = [constraint: FormConstraint, allowed?: readonly unknown[]];

function checkField(
  property: HalFormsProperty,
  value: unknown,
  remote: readonly unknown[] | undefined,
): Failure[] {
  if (isEmpty(value)) {
    if (property.required) return [['required']];
    // An empty list given on purpose is a selection of zero items, as JSON Schema counts it.
    const minItems = property.options?.minItems ?? 0;
    return Array.isArray(value) && isMultiValued(property) && minItems > 0 ? [['minItems']] : [];
  }
  if (property.readOnly) return keepsReadOnlyValue(property, value) ? [] : [['readOnly']];
  return isMultiValued(property)
    ? checkList(property, value, remote)
    : checkScalar(property, value, remote);
}

function checkList(
  property: HalFormsProperty,
  value: unknown,
  remote: readonly unknown[] | undefined,
): Failure[] {
  if (!Array.isArray(value) || !value.every(isScalar)) return [['type']];
  const failures: Failure[] = [];
  const allowed = allowedValues(property, remote);
  if (allowed && !value.every((entry) => allowed.includes(entry)))
    failures.push(['options', allowed]);
  const { minItems, maxItems } = property.options ?? {};
  if (minItems !== undefined && value.length < minItems) failures.push(['minItems']);
  if (maxItems !== undefined && value.length > maxItems) failures.push(['maxItems']);
  return failures;
}

function checkScalar(
  property: HalFormsProperty,
  value: unknown,
  remote: readonly unknown[] | undefined,
): Failure[] {
  if (property.options) {
    const allowed = allowedValues(property, remote);
    if (!isScalar(value)) return [['type']];
    return allowed && !allowed.includes(value) ? [['options', allowed]] : [];
  }
  if (isBoolean(property)) return typeof value === 'boolean' ? [] : [['type']];
  if (property.type === 'file') return isFileLike(value) ? [] : [['type']];
  if (isNumeric(property)) return checkNumber(property, value);
  if (typeof value !== 'string') return [['type']];
  const format = INPUT_FORMATS[property.type ?? 'text'];
  if (format && !format.test(value)) return [['type']];
  if (property.type === 'url' && !isAbsoluteUrl(value)) return [['type']];
  return checkString(property, value);
}

function checkNumber(property: HalFormsProperty, value: unknown): Failure[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [['type']];
  const failures: Failure[] = [];
  if (typeof property.min === 'number' && value < property.min) failures.push(['min']);
  if (typeof property.max === 'number' && value > property.max) failures.push(['max']);
  if (property.step !== undefined && property.step > 0) {
    const base = typeof property.min === 'number' ? property.min : 0;
    const steps = (value - base) / property.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) failures.push(['step']);
  }
  return failures;
}

function checkString(property: HalFormsProperty, value: string): Failure[] {
  const failures: Failure[] = [];
  const regex = property.regex ? compileFieldRegex(property.regex) : undefined;
  if (regex && !regex.test(value)) failures.push(['regex']);
  const length = [...value].length;
  if (property.minLength !== undefined && length < property.minLength) failures.push(['minLength']);
  if (property.maxLength !== undefined && length > property.maxLength) failures.push(['maxLength']);
  if (isDateLike(property)) {
    if (typeof property.min === 'string' && value < property.min) failures.push(['min']);
    if (typeof property.max === 'string' && value > property.max) failures.push(['max']);
  }
  return failures;
}

function allowedValues(
  property: HalFormsProperty,
  remote: readonly unknown[] | undefined,
): unknown[] | undefined {
  // Options behind a link that has not been fetched cannot be checked here; the server will.
  if (remote === undefined && property.options?.inline === undefined) return undefined;
  return fieldOptions(property, remote).map((option) => option.value);
}

/**
 * Whether a value sent for a read-only field is the one the form gave it (its `value`, or its
 * `selectedValues`). Scalars compare as text: "7" from a query string is the read-only 7.
 */
export function keepsReadOnlyValue(property: HalFormsProperty, value: unknown): boolean {
  return sameValue(value, startingValue(property));
}

function startingValue(property: HalFormsProperty): unknown {
  if (property.options?.selectedValues && isMultiValued(property))
    return property.options.selectedValues;
  return property.value ?? property.options?.selectedValues?.[0];
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((entry, i) => sameValue(entry, b[i]));
  return a === b || (isScalar(a) && isScalar(b) && String(a) === String(b));
}

function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value);
}
