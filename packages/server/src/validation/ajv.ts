import { INPUT_FORMATS } from '@halway/hal';
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS whose default export TypeScript sees as the module namespace.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The two ajv instances a service compiles its schemas with, once at start-up: one for JSON
 * bodies (types as sent) and one for query strings and urlencoded bodies, where every value
 * arrives as a string and is coerced to the schema's type.
 */
export interface Validators {
  /** For JSON bodies. */
  json: Ajv;
  /** For query strings and urlencoded bodies. */
  text: Ajv;
}

/** Creates the ajv instances of a service. */
export function createValidators(): Validators {
  return { json: createAjv({}), text: createAjv({ coerceTypes: 'array' }) };
}

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    ...options,
  });
  addFormats(ajv);
  // The forms advertise time and datetime-local inputs for these formats: accept what such inputs
  // send ("10:30", "2026-11-23T10:30") as well as RFC 3339, with the form model's own rule.
  ajv.addFormat('time', INPUT_FORMATS.time!);
  ajv.addFormat('date-time', INPUT_FORMATS['datetime-local']!);
  // Form hints for HAL-FORMS: known to the validator so strict mode still catches typos elsewhere.
  ajv.addKeyword({
    keyword: 'x-hal-forms',
    metaSchema: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        rows: { type: 'integer', minimum: 1 },
        cols: { type: 'integer', minimum: 1 },
        options: {
          type: 'object',
          required: ['link'],
          properties: {
            link: {
              type: 'object',
              required: ['href'],
              properties: {
                href: { type: 'string' },
                templated: { type: 'boolean' },
                type: { type: 'string' },
              },
            },
            promptField: { type: 'string' },
            valueField: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  });
  return ajv;
}
