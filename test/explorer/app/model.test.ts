import { expect } from 'chai';
import { readHal, type ResolvedTemplate } from '@halway/hal';
import { checkForm, placeProblems } from '../../../packages/explorer/app/forms/model.js';

const template: ResolvedTemplate = readHal(
  {
    _links: { self: { href: '/orders' } },
    _templates: {
      default: {
        method: 'POST',
        properties: [
          { name: 'drink', required: true, options: { inline: ['latte', 'tea'], maxItems: 1 } },
          { name: 'quantity', type: 'number', min: 1, max: 10 },
          { name: 'extras', options: { inline: ['milk', 'sugar'], maxItems: 1 + 1 } },
          { name: 'gift', type: 'checkbox' },
          { name: 'a/b', prompt: 'Slashed' },
        ],
      },
    },
  },
  'http://a.test/orders',
).template()!;

describe('checkForm()', () => {
  it('should type raw control values as the template says', () => {
    const { values, errors } = checkForm(template, {
      drink: 'tea',
      quantity: '3',
      extras: ['milk'],
      gift: true,
      'a/b': '',
    });
    expect(errors).to.deep.equal([]);
    expect(values).to.deep.equal({ drink: 'tea', quantity: 3, extras: ['milk'], gift: true });
  });

  it('should report every failed constraint with the shared messages', () => {
    const { errors } = checkForm(template, {
      drink: '',
      quantity: '11',
      extras: ['milk', 'cream'],
    });
    expect(errors.map(({ field, constraint }) => `${field}:${constraint}`)).to.deep.equal([
      'drink:required',
      'quantity:max',
      'extras:options',
    ]);
    expect(errors[1]!.message).to.equal('must be at most 10');
  });

  it('should check options fetched from a link against what was fetched', () => {
    const remote: ResolvedTemplate = {
      ...template,
      properties: [
        { name: 'colour', options: { link: { href: 'http://a.test/colours' }, maxItems: 1 } },
      ],
    };
    expect(checkForm(remote, { colour: 'red' }, { colour: ['blue'] }).errors).to.have.length(1);
    expect(checkForm(remote, { colour: 'blue' }, { colour: ['blue'] }).errors).to.deep.equal([]);
  });
});

describe('placeProblems()', () => {
  it('should put field errors at the fields, by field name or JSON Pointer', () => {
    const placed = placeProblems(
      {
        status: 422,
        errors: [
          { pointer: '/drink', field: 'drink', constraint: 'options', detail: 'is sold out' },
          { pointer: '/extras/1', constraint: 'options', detail: 'must be milk or sugar' },
          { pointer: '/a~1b', constraint: 'required', detail: 'is required' },
          { pointer: '/quantity', field: 'drink', constraint: 'max', detail: 'too many' },
        ],
      },
      template,
    );
    expect(Object.fromEntries(placed.byField)).to.deep.equal({
      drink: ['is sold out', 'too many'],
      extras: ['must be milk or sugar'],
      'a/b': ['is required'],
    });
    expect(placed.other).to.deep.equal([]);
  });

  it('should keep errors about no field of the form apart', () => {
    const placed = placeProblems(
      {
        errors: [
          { pointer: '/unknown', constraint: 'unknown', detail: 'is not a field of this form' },
          { pointer: '', constraint: 'type', detail: 'must be an object' },
        ],
      },
      template,
    );
    expect(placed.byField.size).to.equal(0);
    expect(placed.other).to.deep.equal([
      'unknown: is not a field of this form',
      'must be an object',
    ]);
  });

  it('should cope with a problem without errors or with malformed ones', () => {
    expect(placeProblems({ title: 'Conflict' }, template).other).to.deep.equal([]);
    expect(placeProblems({ errors: [null, 7] as never }, template).byField.size).to.equal(0);
  });
});
