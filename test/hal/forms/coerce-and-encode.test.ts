import { expect } from 'chai';
import { coerceFormValues, encodeForm, readHal, type HalFormsProperty } from '@halway/hal';

describe('coerceFormValues', () => {
  const properties: HalFormsProperty[] = [
    { name: 'quantity', type: 'number' },
    { name: 'gift', type: 'checkbox' },
    {
      name: 'size',
      options: {
        inline: [
          { prompt: 'One', value: 1 },
          { prompt: 'Two', value: 2 },
        ],
        maxItems: 1,
      },
    },
    { name: 'extras', options: { inline: ['milk', 'sugar'] } },
    { name: 'note' },
  ];

  it('should type raw strings by field', () => {
    expect(
      coerceFormValues(properties, {
        quantity: '3',
        gift: 'on',
        size: '2',
        extras: 'milk',
        note: 'hi',
      }),
    ).to.deep.equal({
      quantity: 3,
      gift: true,
      size: 2,
      extras: ['milk'],
      note: 'hi',
    });
  });

  it('should leave files as they are', () => {
    const file = new Blob(['x']);
    const raw = { photo: file } as unknown as Record<string, string>;
    expect(coerceFormValues([{ name: 'photo', type: 'file' }], raw).photo).to.equal(file);
  });

  it('should drop empty strings and keep what does not parse for validation to report', () => {
    expect(coerceFormValues(properties, { quantity: 'three', note: '', extras: [] })).to.deep.equal(
      { quantity: 'three', extras: [] },
    );
  });
});

describe('encodeForm', () => {
  const base = 'http://shop.test/orders/17';
  const read = (templates: Record<string, unknown>) =>
    readHal({ _links: { self: { href: base } }, _templates: templates }, base);

  it('should put GET values in the query, keeping the target query and skipping blanks', () => {
    const template = read({
      search: {
        method: 'GET',
        target: '/orders?sort=new',
        properties: [{ name: 'status' }, { name: 'tags' }, { name: 'q' }],
      },
    }).template()!;
    expect(encodeForm(template, { status: 'paid', tags: ['a', 'b'], q: '' })).to.deep.equal({
      method: 'GET',
      url: 'http://shop.test/orders?sort=new&status=paid&tags=a&tags=b',
      headers: {},
    });
  });

  it('should put DELETE values in the query', () => {
    const template = read({
      cancel: { method: 'DELETE', properties: [{ name: 'reason' }] },
    }).template()!;
    expect(encodeForm(template, { reason: 'changed my mind' }).url).to.equal(
      `${base}?reason=changed+my+mind`,
    );
  });

  it('should send JSON bodies with only the template fields', () => {
    const template = read({
      update: { method: 'PATCH', properties: [{ name: 'size' }, { name: 'quantity' }] },
    }).template()!;
    expect(encodeForm(template, { size: 'large', quantity: 2, other: 1 })).to.deep.equal({
      method: 'PATCH',
      url: base,
      headers: { 'content-type': 'application/json' },
      body: '{"size":"large","quantity":2}',
    });
  });

  it('should send urlencoded bodies when the template says so', () => {
    const template = read({
      pay: {
        method: 'POST',
        contentType: 'application/x-www-form-urlencoded',
        properties: [{ name: 'card' }, { name: 'extras' }],
      },
    }).template()!;
    expect(encodeForm(template, { card: '1234 5678', extras: ['milk', 'sugar'] })).to.include({
      body: 'card=1234+5678&extras=milk&extras=sugar',
    });
  });

  it('should give multipart/form-data values as parts, files untouched, for the sender to write', () => {
    const photo = new Blob(['png bytes'], { type: 'image/png' });
    const template = read({
      upload: {
        method: 'POST',
        contentType: 'multipart/form-data; boundary=ignored',
        properties: [{ name: 'title' }, { name: 'photo', type: 'file' }, { name: 'tags' }],
      },
    }).template()!;
    expect(template.contentType).to.equal('multipart/form-data');
    expect(encodeForm(template, { title: 'Cup', photo, tags: ['a', 'b'], other: 1 })).to.deep.equal(
      {
        method: 'POST',
        url: base,
        headers: {},
        parts: [
          ['title', 'Cup'],
          ['photo', photo],
          ['tags', 'a'],
          ['tags', 'b'],
        ],
      },
    );
  });

  it('should expand a templated target with the values it names and not send them again', () => {
    const template = read({
      pay: {
        method: 'POST',
        target: '/orders/{id}/payment',
        properties: [{ name: 'id' }, { name: 'card' }],
      },
    }).template()!;
    expect(encodeForm(template, { id: 17, card: '1' })).to.include({
      url: 'http://shop.test/orders/17/payment',
      body: '{"card":"1"}',
    });
  });
});
