import {
  coerceFormValues,
  validateForm,
  type FieldError,
  type ProblemDocument,
  type RawFormValue,
  type ResolvedTemplate,
} from '@halway/hal';

/** A form's values after checking: typed as they will be sent, and what is wrong with them. */
export interface CheckedForm {
  /** The typed values. */
  values: Record<string, unknown>;
  /** Every failed constraint, with its message. */
  errors: FieldError[];
}

/**
 * Types the raw values of a form's controls and checks them against every constraint of the
 * template, with the shared form model, so the explorer says what the server would.
 */
export function checkForm(
  template: ResolvedTemplate,
  raw: Record<string, RawFormValue>,
  remoteOptions: Record<string, readonly unknown[]> = {},
): CheckedForm {
  const values = coerceFormValues(template.properties, raw, remoteOptions);
  return { values, errors: validateForm(template, values, { remoteOptions }) };
}

/** A problem's field errors, sorted into those that belong to a field of the form and the rest. */
export interface PlacedProblems {
  /** Messages by field name. */
  byField: Map<string, string[]>;
  /** Messages about no field of this form. */
  other: string[];
}

/**
 * Places the `errors` of a problem+json answer at the form's fields: by the error's `field`, or
 * else by a JSON Pointer naming a top-level field (`/quantity`, `/extras/1`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export function placeProblems(
  problem: ProblemDocument,
  template: ResolvedTemplate,
): PlacedProblems {
  const names = new Set(template.properties.map((property) => property.name));
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const error of Array.isArray(problem.errors) ? problem.errors : []) {
    if (typeof error !== 'object' || error === null) continue;
    const detail = typeof error.detail === 'string' ? error.detail : 'is invalid';
    const field = typeof error.field === 'string' ? error.field : pointerField(error.pointer);
    if (field !== undefined && names.has(field)) {
      byField.set(field, [...(byField.get(field) ?? []), detail]);
    } else {
      other.push(field === undefined ? detail : `${field}: ${detail}`);
    }
  }
  return { byField, other };
}

function pointerField(pointer: unknown): string | undefined {
  if (typeof pointer !== 'string' || !pointer.startsWith('/')) return undefined;
  const first = pointer.slice(1).split('/', 1)[0]!;
  return first === '' ? undefined : first.replaceAll('~1', '/').replaceAll('~0', '~');
}
