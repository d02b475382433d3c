import type { HalFormsInputType, HalFormsOptionsLink } from '../types.js';

/**
 * Form hints for what JSON Schema cannot say, under the `x-hal-forms` keyword of a property
 * schema: a textarea's size, a hidden or radio input, options fetched from a link.
 */
export interface HalFormsHints {
  /** Input type to use instead of the one derived from the schema. */
  type?: HalFormsInputType;
  /** Visible rows of a textarea. */
  rows?: number;
  /** Visible columns of a textarea. */
  cols?: number;
  /** Options fetched from a link, with the members that hold each option's prompt and value. */
  options?: {
    /** Where the options are fetched from. */
    link: HalFormsOptionsLink;
    /** The member of each fetched option that holds its prompt. */
    promptField?: string;
    /** The member of each fetched option that holds its value. */
    valueField?: string;
  };
}

/**
 * The part of JSON Schema (draft-07 and 2020-12) the form model reads. Other keywords are
 * allowed and left to the validator.
 */
export interface JsonSchema {
  /** The JSON type(s). */
  type?: string | readonly string[];
  /** Becomes the field's `prompt`. */
  title?: string;
  /** Documentation. */
  description?: string;
  /** The fields of an object schema, in order. */
  properties?: Readonly<Record<string, JsonSchema>>;
  /** Names of required fields. */
  required?: readonly string[];
  /** Becomes `regex`. */
  pattern?: string;
  /** Becomes `min`. */
  minimum?: number;
  /** Becomes `max`. */
  maximum?: number;
  /** For integers, becomes `min` (the next integer up). */
  exclusiveMinimum?: number | boolean;
  /** For integers, becomes `max` (the next integer down). */
  exclusiveMaximum?: number | boolean;
  /** Becomes `step`. */
  multipleOf?: number;
  /** Becomes `minLength`. */
  minLength?: number;
  /** Becomes `maxLength`. */
  maxLength?: number;
  /** Becomes inline options. */
  enum?: readonly unknown[];
  /** A single allowed value. */
  const?: unknown;
  /** `oneOf: [{ const, title }]` becomes inline options with prompts. */
  oneOf?: readonly JsonSchema[];
  /** An array of enums becomes a multi-select. */
  items?: JsonSchema;
  /** Becomes `options.minItems`. */
  minItems?: number;
  /** Becomes `options.maxItems`. */
  maxItems?: number;
  /** email, uri, date, date-time, time and password choose the input type. */
  format?: string;
  /** Becomes `readOnly`. */
  readOnly?: boolean;
  /** Becomes the field's starting `value`. */
  default?: unknown;
  /** The first example becomes the `placeholder`. */
  examples?: readonly unknown[];
  /** Form hints JSON Schema has no keyword for. */
  'x-hal-forms'?: HalFormsHints;
}
