import {
  coerceFormValues,
  encodeForm,
  readHal,
  schemaToProperties,
  validateForm,
  withValues,
} from '@halway/hal';

const properties = schemaToProperties({
  type: 'object',
  required: ['drink'],
  properties: {
    drink: { type: 'string', title: 'Drink', enum: ['latte', 'tea'] },
    quantity: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
    note: {
      type: 'string',
      maxLength: 40,
      examples: ['No foam'],
      'x-hal-forms': { type: 'textarea', rows: 3 },
    },
  },
});
export const prefilled = withValues(properties, { quantity: 2 }); // prefill an edit form: value '2', a string as HAL-FORMS says

// The template as a client reads it from a document: defaults applied, target absolute.
const document = {
  _links: { self: { href: '/orders' } },
  _templates: { default: { method: 'POST', properties } },
};
const template = readHal(document, 'http://shop.example/orders').template()!;

export const errors = validateForm(template, { quantity: 11 });
// [{ field: 'drink', constraint: 'required', message: 'is required' },
//  { field: 'quantity', constraint: 'max', message: 'must be at most 10' }]

const values = coerceFormValues(template.properties, { drink: 'tea', quantity: '3' }); // strings from a UI → typed
export const request = encodeForm(template, values); // { method, url, headers, body }
