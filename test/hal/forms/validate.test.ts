import { expect } from 'chai';
import { validateForm, type HalFormsProperty } from '@halway/hal';

function errorsFor(property: HalFormsProperty, value: unknown, remote?: unknown[]) {
  return validateForm(
    { properties: [property] },
    { [property.name]: value },
    remote ? { remoteOptions: { [property.name]: remote } } : {},
  ).map((error) => [error.constraint, error.message]);
}

describe('validateForm', () => {
  it('should accept valid values', () => {
    expect(errorsFor({ name: 'q', type: 'number', min: 1, max: 10, step: 1 }, 5)).to.deep.equal([]);
  });

  it('should check required', () => {
    for (const empty of [undefined, null, '', []]) {
      expect(errorsFor({ name: 'q', required: true }, empty)).to.deep.equal([
        ['required', 'is required'],
      ]);
    }
    expect(errorsFor({ name: 'q' }, undefined)).to.deep.equal([]);
  });

  it('should check regex as an anchored HTML pattern', () => {
    const card = { name: 'card', regex: '\\d{16}' };
    expect(errorsFor(card, '1234567812345678')).to.deep.equal([]);
    expect(errorsFor(card, 'x1234567812345678')).to.deep.equal([
      ['regex', 'must match the pattern \\d{16}'],
    ]);
    expect(errorsFor({ name: 'q', regex: '([' }, 'anything')).to.deep.equal([]);
  });

  it('should check min and max for numbers and dates', () => {
    expect(errorsFor({ name: 'q', type: 'number', min: 1 }, 0)).to.deep.equal([
      ['min', 'must be at least 1'],
    ]);
    expect(errorsFor({ name: 'q', type: 'number', max: 10 }, 11)).to.deep.equal([
      ['max', 'must be at most 10'],
    ]);
    expect(errorsFor({ name: 'd', type: 'date', min: '2026-01-01' }, '2025-12-31')).to.deep.equal([
      ['min', 'must be 2026-01-01 or later'],
    ]);
    expect(errorsFor({ name: 'd', type: 'date', max: '2026-01-01' }, '2026-01-02')).to.deep.equal([
      ['max', 'must be 2026-01-01 or earlier'],
    ]);
  });

  it('should check step counted from min', () => {
    expect(errorsFor({ name: 'q', type: 'number', step: 1 }, 2.5)).to.deep.equal([
      ['step', 'must be a whole number'],
    ]);
    expect(errorsFor({ name: 'q', type: 'number', step: 0.25 }, 0.3)).to.deep.equal([
      ['step', 'must be a multiple of 0.25'],
    ]);
    expect(errorsFor({ name: 'q', type: 'number', min: 1, step: 2 }, 3)).to.deep.equal([]);
    expect(errorsFor({ name: 'q', type: 'number', min: 1, step: 2 }, 4)).to.deep.equal([
      ['step', 'must be 1 plus a multiple of 2'],
    ]);
    expect(errorsFor({ name: 'q', type: 'number', step: 0.1 }, 0.3)).to.deep.equal([]);
  });

  it('should check minLength and maxLength in characters, not UTF-16 units', () => {
    expect(errorsFor({ name: 'n', minLength: 2 }, 'a')).to.deep.equal([
      ['minLength', 'must be at least 2 characters long'],
    ]);
    expect(errorsFor({ name: 'n', maxLength: 2 }, 'abc')).to.deep.equal([
      ['maxLength', 'must be at most 2 characters long'],
    ]);
    expect(errorsFor({ name: 'n', maxLength: 2 }, '😀😀')).to.deep.equal([]);
  });

  it('should check inline options, by value', () => {
    const size = { name: 'size', options: { inline: ['small', 'large'], maxItems: 1 } };
    expect(errorsFor(size, 'small')).to.deep.equal([]);
    expect(errorsFor(size, 'huge')).to.deep.equal([['options', 'must be one of: small, large']]);
    const drinks = {
      name: 'drink',
      options: { inline: [{ prompt: 'Latte', value: 'latte' }], maxItems: 1 },
    };
    expect(errorsFor(drinks, 'Latte')).to.deep.equal([['options', 'must be one of: latte']]);
  });

  it('should check options fetched from a link with promptField and valueField', () => {
    const drink = {
      name: 'drink',
      options: { link: { href: 'http://x.test/menu' }, valueField: 'code', maxItems: 1 },
    };
    expect(errorsFor(drink, 'anything')).to.deep.equal([]);
    expect(errorsFor(drink, 'tea', [{ code: 'latte', name: 'Latte' }])).to.deep.equal([
      ['options', 'must be one of: latte'],
    ]);
    expect(errorsFor(drink, 'latte', [{ code: 'latte', name: 'Latte' }])).to.deep.equal([]);
  });

  it('should count an empty list against minItems, and an absent one as no answer', () => {
    const extras = { name: 'extras', options: { inline: ['milk', 'sugar'], minItems: 1 } };
    expect(errorsFor(extras, [])).to.deep.equal([['minItems', 'must have at least 1 selection']]);
    expect(errorsFor(extras, undefined)).to.deep.equal([]);
    expect(errorsFor({ ...extras, required: true }, [])).to.deep.equal([
      ['required', 'is required'],
    ]);
  });

  it('should check minItems and maxItems of multi-selects', () => {
    const extras = {
      name: 'extras',
      options: { inline: ['milk', 'sugar', 'cream'], minItems: 2, maxItems: 2 },
    };
    expect(errorsFor(extras, ['milk'])).to.deep.equal([
      ['minItems', 'must have at least 2 selections'],
    ]);
    expect(errorsFor(extras, ['milk', 'sugar', 'cream'])).to.deep.equal([
      ['maxItems', 'must have at most 2 selections'],
    ]);
    expect(errorsFor(extras, ['milk', 'salt'])).to.deep.equal([
      ['options', 'must be one of: milk, sugar, cream'],
    ]);
    expect(errorsFor(extras, 'milk')).to.deep.equal([['type', 'must be a list of values']]);
  });

  it('should check readOnly fields keep their value', () => {
    const amount = { name: 'amount', type: 'number' as const, readOnly: true, value: 4.5 };
    expect(errorsFor(amount, 4.5)).to.deep.equal([]);
    expect(errorsFor(amount, 1)).to.deep.equal([
      ['readOnly', 'is read-only and cannot be changed'],
    ]);
  });

  it('should accept a Blob or File for a file field, and nothing else', () => {
    const photo = { name: 'photo', type: 'file' as const };
    expect(errorsFor(photo, new Blob(['x'], { type: 'text/plain' }))).to.deep.equal([]);
    expect(errorsFor(photo, new File(['x'], 'x.txt'))).to.deep.equal([]);
    expect(errorsFor(photo, 'x.txt')).to.deep.equal([['type', 'must be a file']]);
  });

  it('should check types', () => {
    expect(errorsFor({ name: 'q', type: 'number' }, '5')).to.deep.equal([
      ['type', 'must be a number'],
    ]);
    expect(errorsFor({ name: 'c', type: 'checkbox' }, 'yes')).to.deep.equal([
      ['type', 'must be true or false'],
    ]);
    expect(errorsFor({ name: 'e', type: 'email' }, 'nope')).to.deep.equal([
      ['type', 'must be an email address'],
    ]);
    expect(errorsFor({ name: 'u', type: 'url' }, '/relative')).to.deep.equal([
      ['type', 'must be an absolute URL'],
    ]);
    expect(errorsFor({ name: 'd', type: 'date' }, '2026-13-01')).to.deep.equal([
      ['type', 'must be a date (YYYY-MM-DD)'],
    ]);
    expect(errorsFor({ name: 't', type: 'time' }, '25:00')).to.deep.equal([
      ['type', 'must be a time (HH:MM)'],
    ]);
    expect(errorsFor({ name: 't', type: 'datetime-local' }, '2026-11-23T10:00')).to.deep.equal([]);
    expect(errorsFor({ name: 't', type: 'datetime-local' }, '2026-11-23T10:00:00Z')).to.deep.equal(
      [],
    );
    expect(errorsFor({ name: 's' }, 5)).to.deep.equal([['type', 'must be text']]);
  });

  it('should report values for fields the form does not have', () => {
    const errors = validateForm({ properties: [{ name: 'a' }] }, { a: 'x', b: 'y', c: undefined });
    expect(errors).to.deep.equal([
      { field: 'b', constraint: 'unknown', message: 'is not a field of this form' },
    ]);
  });

  it('should report every failing field and constraint at once', () => {
    const errors = validateForm(
      {
        properties: [
          { name: 'a', required: true },
          { name: 'b', minLength: 3, regex: '[a-z]+' },
        ],
      },
      { b: '1' },
    );
    expect(errors.map((error) => `${error.field}:${error.constraint}`)).to.deep.equal([
      'a:required',
      'b:regex',
      'b:minLength',
    ]);
  });
});
