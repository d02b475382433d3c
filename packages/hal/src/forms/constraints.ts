import type { HalFormsProperty } from '../types.js';
import { isDateLike } from './field-kind.js';

/** The constraints a form field can fail, shared by the server, the client and the explorer. */
export type FormConstraint =
  | 'required'
  | 'type'
  | 'regex'
  | 'min'
  | 'max'
  | 'step'
  | 'minLength'
  | 'maxLength'
  | 'options'
  | 'minItems'
  | 'maxItems'
  | 'readOnly'
  | 'unknown';

/** One failed constraint of one field. */
export interface FieldError {
  /** The field's name. */
  field: string;
  /** The constraint it failed. */
  constraint: FormConstraint;
  /** What is wrong, phrased to follow the field's prompt ("Quantity must be at most 10"). */
  message: string;
}

const TYPE_MESSAGES: Record<string, string> = {
  number: 'must be a number',
  range: 'must be a number',
  checkbox: 'must be true or false',
  email: 'must be an email address',
  url: 'must be an absolute URL',
  date: 'must be a date (YYYY-MM-DD)',
  month: 'must be a month (YYYY-MM)',
  week: 'must be a week (YYYY-Www)',
  time: 'must be a time (HH:MM)',
  'datetime-local': 'must be a date and time (YYYY-MM-DDTHH:MM)',
  color: 'must be a colour (#rrggbb)',
  file: 'must be a file',
};

const MAX_LISTED_OPTIONS = 10;

/**
 * The message for a failed constraint, from the field's own attributes, so that every side
 * says the same thing about the same field.
 */
export function constraintMessage(
  constraint: FormConstraint,
  property: HalFormsProperty | undefined,
  allowed: readonly unknown[] = [],
): string {
  const dated = property !== undefined && isDateLike(property);
  switch (constraint) {
    case 'required':
      return 'is required';
    case 'type':
      if (property?.options && property.options.maxItems !== 1) return 'must be a list of values';
      return TYPE_MESSAGES[property?.type ?? 'text'] ?? 'must be text';
    case 'regex':
      return property?.regex
        ? `must match the pattern ${property.regex}`
        : 'is not in the expected format';
    case 'min':
      if (property?.min === undefined) return 'is too small';
      return dated ? `must be ${property.min} or later` : `must be at least ${property.min}`;
    case 'max':
      if (property?.max === undefined) return 'is too large';
      return dated ? `must be ${property.max} or earlier` : `must be at most ${property.max}`;
    case 'step':
      return stepMessage(property);
    case 'minLength':
      return property?.minLength === undefined
        ? 'is too short'
        : `must be at least ${plural(property.minLength, 'character')} long`;
    case 'maxLength':
      return property?.maxLength === undefined
        ? 'is too long'
        : `must be at most ${plural(property.maxLength, 'character')} long`;
    case 'options':
      return allowed.length === 0 || allowed.length > MAX_LISTED_OPTIONS
        ? 'must be one of the offered options'
        : `must be one of: ${allowed.map(String).join(', ')}`;
    case 'minItems':
      return `must have at least ${plural(property?.options?.minItems ?? 1, 'selection')}`;
    case 'maxItems':
      return `must have at most ${plural(property?.options?.maxItems ?? 1, 'selection')}`;
    case 'readOnly':
      return 'is read-only and cannot be changed';
    case 'unknown':
      return 'is not a field of this form';
  }
}

function stepMessage(property: HalFormsProperty | undefined): string {
  const step = property?.step;
  if (step === undefined) return 'is not an allowed value';
  if (step === 1 && (property?.min === undefined || Number(property.min) % 1 === 0))
    return 'must be a whole number';
  const base = typeof property?.min === 'number' ? property.min : 0;
  return base === 0
    ? `must be a multiple of ${step}`
    : `must be ${base} plus a multiple of ${step}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
