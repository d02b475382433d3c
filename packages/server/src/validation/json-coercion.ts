import type { JsonSchema } from '@halway/hal';

// JSON's own number syntax: what a number input holds, nothing looser (no "", " 1", "0x10", "1e").
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Makes a JSON body from a HAL-FORMS client match its schema where that is unambiguous, on the
 * top-level fields of a form (the only level forms have), in place:
 *
 * - a one-element array for a field whose schema allows no array becomes its element (Ketting
 *   sends a single select's `selectedValues` as `["medium"]`);
 * - a string for a field whose schema allows no string becomes the number, integer or boolean
 *   it spells in JSON's own syntax (`"2"`, `"4.5"`, `"true"`), or the one `enum`/`const` option
 *   it is the text of (HAL Explorer sends every value as a string).
 *
 * Nothing else changes: a string for a field that allows strings stays a string, `""` is never
 * 0 or false, and a value that does not convert is left for validation to report.
 */
export function coerceJsonFields(
  schema: JsonSchema | undefined,
  input: Record<string, unknown>,
): void {
  const properties = schema?.properties;
  if (properties === undefined) return;
  for (const [name, field] of Object.entries(properties)) {
    if (!Object.hasOwn(input, name)) continue;
    let value = input[name];
    if (Array.isArray(value) && value.length === 1 && !allows(field, 'array')) value = value[0];
    if (typeof value === 'string' && !allows(field, 'string')) value = fromText(field, value);
    input[name] = value;
  }
}

// Whether a field's schema may hold a value of a JSON type; true when the schema does not say.
function allows(field: JsonSchema, type: 'array' | 'string'): boolean {
  const types = typesOf(field);
  if (types !== undefined) return types.includes(type);
  const options = optionsOf(field);
  if (options !== undefined)
    return options.some((option) =>
      type === 'array' ? Array.isArray(option) : typeof option === type,
    );
  return true;
}

function fromText(field: JsonSchema, text: string): unknown {
  const options = optionsOf(field);
  if (options !== undefined) {
    const matches = options.filter((option) => isScalar(option) && String(option) === text);
    return matches.length === 1 ? matches[0] : text;
  }
  const types = typesOf(field) ?? [];
  if ((types.includes('number') || types.includes('integer')) && JSON_NUMBER.test(text))
    return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function typesOf(field: JsonSchema): readonly string[] | undefined {
  if (field.type === undefined) return undefined;
  return typeof field.type === 'string' ? [field.type] : field.type;
}

function optionsOf(field: JsonSchema): readonly unknown[] | undefined {
  if (field.enum) return field.enum;
  if (field.const !== undefined) return [field.const];
  if (field.oneOf?.every((entry) => 'const' in entry))
    return field.oneOf.map((entry) => entry.const);
  return undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
