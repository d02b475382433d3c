import { constraintMessage, keepsReadOnlyValue, withValues, type FieldProblem } from '@halway/hal';
import type { CompiledAction } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';

/**
 * Problems with read-only fields: one may be sent back, but only with the value the form gave
 * it (the action's `values` for this state, else the schema's default), by the same rule as
 * `validateForm`.
 */
export function readOnlyProblems(
  action: CompiledAction,
  raw: unknown,
  state: unknown,
  context: RequestContext<Record<string, string | undefined>>,
): FieldProblem[] {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const readOnly = action.properties.filter(
    (property) => property.readOnly && input[property.name] !== undefined,
  );
  if (readOnly.length === 0) return [];
  const values = action.declaration.options.values?.(state, context) ?? {};
  return withValues(readOnly, values)
    .filter((property) => !keepsReadOnlyValue(property, input[property.name]))
    .map((property) => ({
      pointer: `/${property.name}`,
      field: property.name,
      constraint: 'readOnly' as const,
      detail: constraintMessage('readOnly', property),
    }));
}
