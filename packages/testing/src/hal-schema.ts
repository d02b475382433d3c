import { Ajv, type ErrorObject } from 'ajv';

const link = {
  type: 'object',
  required: ['href'],
  properties: {
    href: { type: 'string', minLength: 1 },
    templated: { type: 'boolean' },
    type: { type: 'string' },
    deprecation: { type: 'string' },
    name: { type: 'string' },
    profile: { type: 'string' },
    title: { type: 'string' },
    hreflang: { type: 'string' },
  },
};

const property = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    prompt: { type: 'string' },
    readOnly: { type: 'boolean' },
    regex: { type: 'string' },
    required: { type: 'boolean' },
    templated: { type: 'boolean' },
    type: { type: 'string' },
    placeholder: { type: 'string' },
    min: { type: ['number', 'string'] },
    max: { type: ['number', 'string'] },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 0 },
    step: { type: 'number', exclusiveMinimum: 0 },
    cols: { type: 'integer', minimum: 1 },
    rows: { type: 'integer', minimum: 1 },
    options: {
      type: 'object',
      properties: {
        inline: { type: 'array' },
        link,
        promptField: { type: 'string' },
        valueField: { type: 'string' },
        minItems: { type: 'integer', minimum: 0 },
        maxItems: { type: 'integer', minimum: 0 },
        selectedValues: { type: 'array' },
      },
    },
  },
};

const template = {
  type: 'object',
  required: ['method'],
  properties: {
    method: { type: 'string', minLength: 1 },
    contentType: { type: 'string' },
    properties: { type: 'array', items: property },
    target: { type: 'string' },
    title: { type: 'string' },
  },
};

function resource(withTemplates: boolean) {
  return {
    $id: withTemplates ? 'hal-forms-resource' : 'hal-resource',
    type: 'object',
    properties: {
      _links: {
        type: 'object',
        properties: { curies: { type: 'array', items: { ...link, required: ['href', 'name'] } } },
        additionalProperties: { anyOf: [link, { type: 'array', items: link }] },
      },
      _embedded: {
        type: 'object',
        additionalProperties: { anyOf: [{ $ref: '#' }, { type: 'array', items: { $ref: '#' } }] },
      },
      ...(withTemplates ? { _templates: { type: 'object', additionalProperties: template } } : {}),
    },
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = { hal: ajv.compile(resource(false)), halForms: ajv.compile(resource(true)) };

/**
 * Checks a document against HAL (and, with `forms`, HAL-FORMS): link objects with an href,
 * relations holding a link or an array of links, embedded resources valid in turn, templates
 * with a method and named properties, and a `self` link at the top. Returns what is wrong.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11
 * @see https://rwcbook.github.io/hal-forms/
 */
export function halDocumentErrors(document: unknown, options: { forms?: boolean } = {}): string[] {
  const validate = options.forms ? validators.halForms : validators.hal;
  const errors = validate(document) ? [] : (validate.errors ?? []).map(describe);
  const links = (document as { _links?: Record<string, unknown> } | null)?._links;
  if (errors.length === 0 && (links === undefined || links.self === undefined))
    errors.push('it has no self link');
  return errors;
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || '(document)'} ${error.message ?? 'is invalid'}`;
}
