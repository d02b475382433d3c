import {
  coerceFormValues,
  compileFieldRegex,
  type FieldOption,
  type HalFormsProperty,
} from '@halway/hal';
import { sampleFromRegex } from './sample-regex.js';

/**
 * Values for a form that satisfy its HAL-FORMS constraints, so `--exercise` can submit it: the
 * field's own value when it has one, else the first of its options, else a value of its type
 * within its range, length and pattern (the placeholder when it matches). Read-only fields are
 * left to their value. HAL-FORMS gives `value` and `selectedValues` as strings: they are turned
 * into what the field holds (a number, a boolean, the option's own value).
 *
 * @example
 * sampleValues(form.fields, { drink: await form.choices('drink') });
 * // { drink: 'espresso', size: 'medium', quantity: 1, ... } (from `"value": "1"`)
 */
export function sampleValues(
  fields: readonly HalFormsProperty[],
  choices: Readonly<Record<string, readonly FieldOption[]>> = {},
  now: Date = new Date(),
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    const value = sampleValue(field, choices[field.name] ?? [], now);
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}

function sampleValue(field: HalFormsProperty, choices: readonly FieldOption[], now: Date): unknown {
  const multiple = field.options !== undefined && field.options.maxItems !== 1;
  if (field.options) {
    const chosen = field.options.selectedValues?.length
      ? field.options.selectedValues.map((selected) => optionValue(selected, choices))
      : choices.slice(0, Math.max(1, field.options.minItems ?? 1)).map((choice) => choice.value);
    if (chosen.length === 0) return undefined;
    return multiple ? chosen : chosen[0];
  }
  if (field.value !== undefined && field.value !== '')
    return coerceFormValues([field], { [field.name]: field.value })[field.name];
  switch (field.type) {
    case 'number':
    case 'range':
      return sampleNumber(field);
    case 'checkbox':
      return field.required === true;
    case 'email':
      return 'map@example.com';
    case 'url':
      return 'https://example.com/';
    case 'tel':
      return '+15555550100';
    case 'date':
      return typeof field.min === 'string' ? field.min : now.toISOString().slice(0, 10);
    case 'time':
      return '12:00';
    case 'datetime-local':
      return typeof field.min === 'string' ? field.min : now.toISOString().slice(0, 16);
    case 'month':
      return now.toISOString().slice(0, 7);
    case 'color':
      return '#336699';
    default:
      return sampleText(field);
  }
}

// A selected value (a string in HAL-FORMS) as the option it names holds it.
function optionValue(selected: unknown, choices: readonly FieldOption[]): unknown {
  return choices.find((choice) => String(choice.value) === String(selected))?.value ?? selected;
}

function sampleNumber(field: HalFormsProperty): number {
  const min = typeof field.min === 'number' ? field.min : undefined;
  const max = typeof field.max === 'number' ? field.max : undefined;
  if (min !== undefined) return min;
  if (max !== undefined) return Math.min(1, max);
  return 1;
}

function sampleText(field: HalFormsProperty): string {
  const fits = (text: string) =>
    text.length >= (field.minLength ?? 0) &&
    text.length <= (field.maxLength ?? Infinity) &&
    (!field.regex || compileFieldRegex(field.regex)?.test(text) !== false);
  const candidates = [
    field.placeholder,
    field.regex ? sampleFromRegex(field.regex) : undefined,
    'Sample',
    'x'.repeat(Math.max(1, field.minLength ?? 1)),
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && fits(candidate)) return candidate;
  }
  return 'x'.repeat(Math.max(1, field.minLength ?? 1));
}
