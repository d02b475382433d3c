import type {
  HalFormsInlineOption,
  HalFormsInputType,
  HalFormsOptions,
  HalFormsProperty,
  HalFormsScalar,
} from '../types.js';
import { isScalar } from './field-kind.js';
import type { JsonSchema } from './json-schema.js';

const FORMAT_TYPES: Record<string, HalFormsInputType> = {
  email: 'email',
  'idn-email': 'email',
  uri: 'url',
  url: 'url',
  iri: 'url',
  date: 'date',
  'date-time': 'datetime-local',
  time: 'time',
  password: 'password',
  color: 'color',
};

/**
 * Turns the JSON Schema of an action's input (an object schema) into HAL-FORMS properties, one
 * per schema property, in order.
 *
 * `required` → required, `pattern` → regex, `minimum`/`maximum` → min/max, `minLength`/
 * `maxLength`, `multipleOf` → step, `enum` or `oneOf: [{ const, title }]` → inline options,
 * an array of enums → a multi-select with `minItems`/`maxItems`, `format` email/uri/date/
 * date-time/time → type, `readOnly`, `default` → value, `title` → prompt, `examples[0]` →
 * placeholder, and `x-hal-forms` hints for textarea rows/cols, hidden or radio inputs and
 * options fetched from a link.
 *
 * @example
 * schemaToProperties({
 *   type: 'object',
 *   required: ['quantity'],
 *   properties: { quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10, default: 1 } },
 * });
 * // [{ name: 'quantity', prompt: 'Quantity', required: true, type: 'number', min: 1, max: 10, step: 1, value: '1' }]
 * @see https://rwcbook.github.io/hal-forms/#_the_property_element
 */
export function schemaToProperties(schema: JsonSchema): HalFormsProperty[] {
  if (schema.properties === undefined || !hasType(schema, 'object')) {
    throw new TypeError(
      'schemaToProperties(): the schema must be an object schema with "properties"',
    );
  }
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) =>
    toProperty(name, property, required.has(name)),
  );
}

function toProperty(name: string, schema: JsonSchema, required: boolean): HalFormsProperty {
  const hints = schema['x-hal-forms'] ?? {};
  const property: HalFormsProperty = { name };
  if (schema.title !== undefined) property.prompt = schema.title;
  if (required) property.required = true;
  if (schema.readOnly === true) property.readOnly = true;

  const options = optionsOf(schema);
  if (options) {
    property.options = options;
    if (hints.type) property.type = hints.type;
  } else {
    Object.assign(property, scalarAttributes(schema));
    if (hints.type) property.type = hints.type;
  }
  if (hints.rows !== undefined) property.rows = hints.rows;
  if (hints.cols !== undefined) property.cols = hints.cols;

  const example = schema.examples?.[0];
  if (isScalar(example)) property.placeholder = String(example);
  return schema.default === undefined ? property : withValue(property, schema.default);
}

function scalarAttributes(schema: JsonSchema): Partial<HalFormsProperty> {
  if (hasType(schema, 'boolean')) return { type: 'checkbox' };
  if (hasType(schema, 'integer') || hasType(schema, 'number')) return numberAttributes(schema);
  const attributes: Partial<HalFormsProperty> = {};
  const type = schema.format === undefined ? undefined : FORMAT_TYPES[schema.format];
  if (type) attributes.type = type;
  if (schema.pattern !== undefined) attributes.regex = patternToRegex(schema.pattern);
  if (schema.minLength !== undefined) attributes.minLength = schema.minLength;
  if (schema.maxLength !== undefined) attributes.maxLength = schema.maxLength;
  return attributes;
}

function numberAttributes(schema: JsonSchema): Partial<HalFormsProperty> {
  const integer = hasType(schema, 'integer');
  const attributes: Partial<HalFormsProperty> = { type: 'number' };
  const min = schema.minimum ?? (integer ? exclusiveBound(schema.exclusiveMinimum, 1) : undefined);
  const max = schema.maximum ?? (integer ? exclusiveBound(schema.exclusiveMaximum, -1) : undefined);
  if (min !== undefined) attributes.min = min;
  if (max !== undefined) attributes.max = max;
  const step = schema.multipleOf ?? (integer ? 1 : undefined);
  // HTML counts steps from min, JSON Schema from zero: a step is only honest when both agree.
  if (step !== undefined && isMultiple(min ?? 0, step)) attributes.step = step;
  return attributes;
}

function optionsOf(schema: JsonSchema): HalFormsOptions | undefined {
  const hints = schema['x-hal-forms']?.options;
  if (hasType(schema, 'array') && schema.items) {
    const inline = hints ? undefined : inlineOptions(schema.items);
    if (!inline && !hints) return undefined;
    const options: HalFormsOptions = inline ? { inline } : { ...hints };
    if (schema.minItems !== undefined) options.minItems = schema.minItems;
    if (schema.maxItems !== undefined) options.maxItems = schema.maxItems;
    return options;
  }
  // Options from a link win over an enum: the enum still validates, the link tells clients where to look.
  if (hints) return { ...hints, maxItems: 1 };
  const inline = inlineOptions(schema);
  return inline ? { inline, maxItems: 1 } : undefined;
}

function inlineOptions(schema: JsonSchema): HalFormsOptions['inline'] | undefined {
  if (schema.enum) return schema.enum.filter(isScalar);
  if (
    schema.oneOf &&
    schema.oneOf.length > 0 &&
    schema.oneOf.every((entry) => isScalar(entry.const))
  ) {
    return schema.oneOf.map((entry): HalFormsInlineOption => ({
      prompt: entry.title ?? String(entry.const),
      value: entry.const as HalFormsScalar,
    }));
  }
  return undefined;
}

/**
 * Gives fields their starting values: `value` for single values (as a string, as HAL-FORMS
 * says), `options.selectedValues` for fields with options. Fields without an entry in `values`
 * keep the value they had; `null` clears it.
 */
export function withValues(
  properties: readonly HalFormsProperty[],
  values: Record<string, unknown>,
): HalFormsProperty[] {
  return properties.map((property) => {
    const value = values[property.name];
    return value === undefined ? property : withValue(property, value);
  });
}

// HAL-FORMS says `value` is "a valid JSON string": numbers and booleans go out as text, and a
// client turns them back by the field's type (`coerceFormValues`). A list has no string form: it
// is carried by `options.selectedValues` alone.
function withValue(property: HalFormsProperty, value: unknown): HalFormsProperty {
  if (property.options) {
    const selectedValues = Array.isArray(value)
      ? value.filter(isScalar)
      : isScalar(value)
        ? [value]
        : [];
    const options = copyOf(property.options);
    options.selectedValues = selectedValues;
    const copy = copyOf(property, 'value');
    copy.options = options;
    if (options.maxItems === 1 && isScalar(value)) copy.value = String(value);
    return copy;
  }
  if (isScalar(value)) {
    const copy = copyOf(property);
    copy.value = String(value);
    return copy;
  }
  return value === null ? copyOf(property, 'value') : property;
}

/**
 * A copy of an object, without `omitted`. Built key by key rather than with a spread and never
 * with `delete`: V8 makes an object that gets a new key after a spread, or loses one, a slow
 * dictionary, and forms are copied and serialized on every response.
 */
function copyOf<T extends object>(source: T, omitted?: keyof T): T {
  const copy = {} as T;
  for (const key in source) if (key !== omitted) copy[key] = source[key];
  return copy;
}

/**
 * JSON Schema patterns match anywhere in the value, HTML patterns match the whole value; an
 * unanchored pattern is widened so that both sides accept the same strings.
 */
function patternToRegex(pattern: string): string {
  const anchored = pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$');
  return anchored ? pattern : `[\\s\\S]*(?:${pattern})[\\s\\S]*`;
}

function hasType(schema: JsonSchema, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

function exclusiveBound(
  bound: number | boolean | undefined,
  direction: 1 | -1,
): number | undefined {
  if (typeof bound !== 'number') return undefined;
  return Number.isInteger(bound)
    ? bound + direction
    : direction === 1
      ? Math.ceil(bound)
      : Math.floor(bound);
}

function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}
