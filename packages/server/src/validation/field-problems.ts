import {
  constraintMessage,
  fieldOptions,
  type FieldProblem,
  type FormConstraint,
  type HalFormsProperty,
} from '@halway/hal';
import type { ErrorObject } from 'ajv';

const CONSTRAINTS: Record<string, FormConstraint> = {
  required: 'required',
  type: 'type',
  format: 'type',
  pattern: 'regex',
  minimum: 'min',
  exclusiveMinimum: 'min',
  maximum: 'max',
  exclusiveMaximum: 'max',
  multipleOf: 'step',
  minLength: 'minLength',
  maxLength: 'maxLength',
  enum: 'options',
  const: 'options',
  oneOf: 'options',
  anyOf: 'options',
  minItems: 'minItems',
  maxItems: 'maxItems',
  additionalProperties: 'unknown',
};

/**
 * Turns ajv's errors into field problems that carry the same constraint names and messages
 * as `validateForm` in `@halway/hal`, so the server and its clients say the same thing.
 * One problem per field and constraint, in the order ajv found them.
 */
export function toFieldProblems(
  errors: readonly ErrorObject[],
  properties: ReadonlyMap<string, HalFormsProperty>,
  data: unknown,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const pointer = pointerOf(error);
    const field = pointer.split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~');
    const constraint = constraintOf(error, data);
    const key = `${pointer} ${constraint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const property = field === undefined ? undefined : properties.get(field);
    const problem: FieldProblem = {
      pointer,
      constraint,
      detail: detailOf(error, constraint, property),
    };
    if (field !== undefined) problem.field = field;
    problems.push(problem);
  }
  return problems;
}

function pointerOf(error: ErrorObject): string {
  const { params } = error as { params: Record<string, unknown> };
  if (error.keyword === 'required')
    return `${error.instancePath}/${escape(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties')
    return `${error.instancePath}/${escape(String(params.additionalProperty))}`;
  return error.instancePath;
}

function constraintOf(error: ErrorObject, data: unknown): FormConstraint {
  // A fraction where an integer is expected is what HTML calls a step mismatch.
  const expected = (error.params as { type?: string }).type;
  if (
    error.keyword === 'type' &&
    expected === 'integer' &&
    typeof valueAt(data, error.instancePath) === 'number'
  )
    return 'step';
  return CONSTRAINTS[error.keyword] ?? 'type';
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const token of pointer.split('/').slice(1)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return value;
}

function detailOf(
  error: ErrorObject,
  constraint: FormConstraint,
  property: HalFormsProperty | undefined,
): string {
  if (property === undefined || error.instancePath.split('/').length > 2) {
    return constraint === 'unknown' || constraint === 'required'
      ? constraintMessage(constraint, undefined)
      : (error.message ?? 'is not valid');
  }
  const allowed = property.options ? fieldOptions(property).map((option) => option.value) : [];
  return constraintMessage(constraint, property, allowed);
}

function escape(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
