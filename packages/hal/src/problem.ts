import type { FormConstraint } from './forms/constraints.js';

/**
 * One invalid field in a problem's `errors` member.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3 (the `errors` extension of its example)
 */
export interface FieldProblem {
  /** JSON Pointer to the field in the submitted values, e.g. `/quantity`. */
  pointer: string;
  /** The form field's name, when the pointer names one. */
  field?: string;
  /** Which constraint failed. */
  constraint: FormConstraint;
  /** What is wrong, for people. */
  detail: string;
}

/**
 * An RFC 9457 problem details document, with the extension members Halway uses.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export interface ProblemDocument {
  /** URI identifying the kind of problem; `about:blank` when absent. */
  type?: string;
  /** Short summary of the kind of problem. */
  title?: string;
  /** The HTTP status code. */
  status?: number;
  /** What went wrong this time, for people. */
  detail?: string;
  /** URI of this occurrence. */
  instance?: string;
  /** Invalid fields, for validation problems. */
  errors?: FieldProblem[];
  /** Extension members. */
  [extension: string]: unknown;
}

/** Whether a parsed JSON value looks like a problem document. */
export function isProblemDocument(value: unknown): value is ProblemDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { type, status, title } = value as Record<string, unknown>;
  return (
    (type === undefined || typeof type === 'string') &&
    (status === undefined || typeof status === 'number') &&
    (title === undefined || typeof title === 'string') &&
    (type !== undefined || status !== undefined || title !== undefined)
  );
}
