import { expect } from 'chai';
import { schemaToProperties, withValues, type JsonSchema } from '@halway/hal';

function only(schema: JsonSchema, required = false) {
  const [property] = schemaToProperties({
    type: 'object',
    properties: { field: schema },
    required: required ? ['field'] : [],
  });
  return property;
}

describe('schemaToProperties', () => {
  it('should keep the order of the schema properties', () => {
    const properties = schemaToProperties({
      type: 'object',
      properties: { b: { type: 'string' }, a: { type: 'string' } },
    });
    expect(properties.map((property) => property.name)).to.deep.equal(['b', 'a']);
  });

  it('should map required', () => {
    expect(only({ type: 'string' }, true)).to.deep.equal({ name: 'field', required: true });
    expect(only({ type: 'string' })).to.deep.equal({ name: 'field' });
  });

  it('should map pattern to regex, widening unanchored patterns', () => {
    expect(only({ type: 'string', pattern: '^\\d{16}$' })?.regex).to.equal('^\\d{16}$');
    expect(only({ type: 'string', pattern: '\\d' })?.regex).to.equal('[\\s\\S]*(?:\\d)[\\s\\S]*');
  });

  it('should map minimum and maximum to min and max', () => {
    expect(only({ type: 'number', minimum: 0.5, maximum: 9.5 })).to.deep.equal({
      name: 'field',
      type: 'number',
      min: 0.5,
      max: 9.5,
    });
  });

  it('should map exclusive bounds of integers to the next integer', () => {
    expect(only({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 11 })).to.include({
      min: 1,
      max: 10,
    });
  });

  it('should map minLength and maxLength', () => {
    expect(only({ type: 'string', minLength: 2, maxLength: 5 })).to.include({
      minLength: 2,
      maxLength: 5,
    });
  });

  it('should map multipleOf to step, and integers to step 1', () => {
    expect(only({ type: 'number', multipleOf: 0.25 })).to.include({ type: 'number', step: 0.25 });
    expect(only({ type: 'integer', minimum: 1, maximum: 10 })).to.include({ step: 1 });
  });

  it('should leave out a step that HTML would count from another base', () => {
    expect(only({ type: 'integer', minimum: 1, multipleOf: 2 })).to.not.have.property('step');
  });

  it('should map enum to single-choice inline options', () => {
    expect(only({ type: 'string', enum: ['small', 'medium', 'large'] })).to.deep.equal({
      name: 'field',
      options: { inline: ['small', 'medium', 'large'], maxItems: 1 },
    });
  });

  it('should map oneOf const/title to inline options with prompts', () => {
    const property = only({
      oneOf: [
        { const: 'take-away', title: 'Take away' },
        { const: 'in-store', title: 'In store' },
      ],
    });
    expect(property?.options).to.deep.equal({
      inline: [
        { prompt: 'Take away', value: 'take-away' },
        { prompt: 'In store', value: 'in-store' },
      ],
      maxItems: 1,
    });
  });

  it('should map an array of enums to a multi-select with minItems and maxItems', () => {
    expect(
      only({ type: 'array', items: { enum: ['milk', 'sugar', 'cream'] }, minItems: 1, maxItems: 2 })
        ?.options,
    ).to.deep.equal({
      inline: ['milk', 'sugar', 'cream'],
      minItems: 1,
      maxItems: 2,
    });
    expect(only({ type: 'array', items: { enum: ['a'] } })?.options).to.deep.equal({
      inline: ['a'],
    });
  });

  it('should map formats to input types', () => {
    const types = Object.fromEntries(
      ['email', 'uri', 'date', 'date-time', 'time', 'password'].map((format) => [
        format,
        only({ type: 'string', format })?.type,
      ]),
    );
    expect(types).to.deep.equal({
      email: 'email',
      uri: 'url',
      date: 'date',
      'date-time': 'datetime-local',
      time: 'time',
      password: 'password',
    });
    expect(only({ type: 'string', format: 'hostname' })).to.not.have.property('type');
  });

  it('should map booleans to checkboxes', () => {
    expect(only({ type: 'boolean' })?.type).to.equal('checkbox');
  });

  it('should map readOnly, default, title and examples', () => {
    expect(
      only({ type: 'number', readOnly: true, default: 4.5, title: 'Amount', examples: [3.5, 9] }),
    ).to.deep.equal({
      name: 'field',
      prompt: 'Amount',
      readOnly: true,
      type: 'number',
      value: '4.5',
      placeholder: '3.5',
    });
  });

  it('should take textarea rows/cols, input types and link options from x-hal-forms', () => {
    expect(
      only({ type: 'string', 'x-hal-forms': { type: 'textarea', rows: 4, cols: 40 } }),
    ).to.deep.equal({
      name: 'field',
      type: 'textarea',
      rows: 4,
      cols: 40,
    });
    expect(only({ type: 'string', 'x-hal-forms': { type: 'hidden' } })?.type).to.equal('hidden');
    expect(
      only({
        type: 'string',
        'x-hal-forms': {
          options: { link: { href: '/menu' }, promptField: 'name', valueField: 'code' },
        },
      })?.options,
    ).to.deep.equal({
      link: { href: '/menu' },
      promptField: 'name',
      valueField: 'code',
      maxItems: 1,
    });
    expect(only({ type: 'string', enum: ['a', 'b'], 'x-hal-forms': { type: 'radio' } })).to.include(
      { type: 'radio' },
    );
    expect(
      only({
        type: 'string',
        enum: ['latte', 'tea'],
        'x-hal-forms': { options: { link: { href: '/menu' }, valueField: 'code' } },
      })?.options,
    ).to.deep.equal({ link: { href: '/menu' }, valueField: 'code', maxItems: 1 });
  });

  it('should refuse a schema that is not an object schema', () => {
    expect(() => schemaToProperties({ type: 'string' })).to.throw(TypeError, /object schema/);
  });
});

describe('withValues', () => {
  const properties = schemaToProperties({
    type: 'object',
    properties: {
      size: { enum: ['small', 'large'] },
      extras: { type: 'array', items: { enum: ['milk', 'sugar'] } },
      quantity: { type: 'integer', default: 1 },
    },
  });

  it('should prefill values from the current state without touching the static properties', () => {
    const filled = withValues(properties, { size: 'large', extras: ['milk'], quantity: 3 });
    expect(filled[0]).to.deep.include({
      value: 'large',
      options: { inline: ['small', 'large'], maxItems: 1, selectedValues: ['large'] },
    });
    // HAL-FORMS `value` is a string: a list has none, only selectedValues.
    expect(filled[1]).to.not.have.property('value');
    expect(filled[1]).to.deep.include({
      options: { inline: ['milk', 'sugar'], selectedValues: ['milk'] },
    });
    expect(filled[2]?.value).to.equal('3');
    expect(properties[2]?.value).to.equal('1');
    expect(properties[0]).to.not.have.property('value');
  });

  it('should keep properties without a given value as they are', () => {
    expect(withValues(properties, {})[2]).to.equal(properties[2]);
  });
});
