import type { FieldProblem, HalFormsProperty, JsonSchema } from '@halway/hal';
import type { ValidateFunction } from 'ajv';
import type { Validators } from './ajv.js';
import { toFieldProblems } from './field-problems.js';
import { coerceJsonFields } from './json-coercion.js';

/** The outcome of validating an action's input. */
export type ValidationResult =
  { valid: true; value: Record<string, unknown> } | { valid: false; problems: FieldProblem[] };

/** Validates the input of one action; compiled once, at start-up. */
export interface InputValidator {
  /**
   * Validates a copy of `input` (defaults applied). Strings are coerced to the schema's types
   * when `fromText` (the input came from a query string or an urlencoded body); a JSON body has
   * only its unambiguous cases coerced (see `coerceJsonFields`).
   */
  validate(input: unknown, fromText: boolean): ValidationResult;
}

/**
 * Compiles an action's input schema with both ajv instances. `properties` are the action's
 * HAL-FORMS properties, from which field messages are phrased.
 * Throws a TypeError naming `caller` when the schema does not compile.
 */
export function compileInputValidator(
  validators: Validators,
  schema: JsonSchema | undefined,
  properties: readonly HalFormsProperty[],
  caller: string,
): InputValidator {
  const byName = new Map(properties.map((property) => [property.name, property]));
  const effective = schema ?? { type: 'object', additionalProperties: false };
  let json: ValidateFunction;
  let text: ValidateFunction;
  try {
    json = validators.json.compile(effective);
    text = validators.text.compile(effective);
  } catch (error) {
    throw new TypeError(
      `${caller}: the input schema does not compile: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return {
    validate(input, fromText) {
      const value = copyInput(input);
      if (!fromText && isRecord(value)) coerceJsonFields(schema, value);
      const validate = fromText ? text : json;
      if (validate(value)) return { valid: true, value: value as Record<string, unknown> };
      return { valid: false, problems: toFieldProblems(validate.errors ?? [], byName, value) };
    },
  };
}

// Validation mutates (defaults, coercion): work on a copy, never on the parsed request.
function copyInput(input: unknown): unknown {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object') return input;
  return structuredClone(Array.isArray(input) ? input : { ...input });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
