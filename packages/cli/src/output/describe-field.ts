import type { FormField } from '@halway/client';
import { fieldOptions } from '@halway/hal';
import { inert } from './style.js';

/**
 * A field's constraints in words, for a person: `required · number · 1 to 10 · step 1`, its
 * options and its starting value. Every string from the server is made inert.
 */
export function describeField(field: FormField): string[] {
  const parts: string[] = [];
  if (field.readOnly) parts.push('read-only');
  else if (field.required) parts.push('required');
  if (field.type && field.type !== 'text') parts.push(inert(field.type));
  if (field.multiple) parts.push('several values');
  const range = rangeOf(field.min, field.max, '');
  if (range) parts.push(range);
  const length = rangeOf(field.minLength, field.maxLength, ' characters');
  if (length) parts.push(length);
  if (field.step !== undefined) parts.push(`step ${inert(String(field.step))}`);
  if (field.regex) parts.push(`matching /${inert(field.regex)}/`);
  if (field.options?.inline) {
    const choices = fieldOptions(field).map((option) =>
      String(option.value) === option.prompt
        ? inert(option.prompt)
        : `${inert(String(option.value))} (${inert(option.prompt)})`,
    );
    parts.push(`one of: ${choices.join(', ')}`);
  } else if (field.options?.link) {
    parts.push(`options from ${inert(field.options.link.href)}`);
  }
  const items = rangeOf(
    field.options?.minItems,
    field.multiple ? field.options?.maxItems : undefined,
    ' items',
  );
  if (items) parts.push(items);
  const start = startOf(field);
  if (start !== undefined) parts.push(`${field.readOnly ? 'value' : 'default'} ${start}`);
  if (field.placeholder) parts.push(`e.g. ${inert(field.placeholder)}`);
  return parts;
}

/** A value as one line of text for a terminal: strings as they are (inert), the rest as JSON. */
export function showValue(value: unknown): string {
  return inert(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
}

function startOf(field: FormField): string | undefined {
  const selected = field.options?.selectedValues;
  if (field.value !== undefined && field.value !== null && field.value !== '')
    return showValue(field.value);
  if (selected && selected.length > 0) return selected.map(showValue).join(', ');
  return undefined;
}

function rangeOf(
  min: number | string | undefined,
  max: number | string | undefined,
  unit: string,
): string | undefined {
  const low = min === undefined ? undefined : inert(String(min));
  const high = max === undefined ? undefined : inert(String(max));
  if (low !== undefined && high !== undefined) return `${low} to ${high}${unit}`;
  if (low !== undefined) return `at least ${low}${unit}`;
  if (high !== undefined) return `at most ${high}${unit}`;
  return undefined;
}
