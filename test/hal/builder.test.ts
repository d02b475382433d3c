import { expect } from 'chai';
import { createHalBuilder, HalBuilder } from '@halway/hal';

describe('HalBuilder', () => {
  it('should write _links first, then properties, _embedded and _templates', () => {
    const document = createHalBuilder({ status: 'paid' })
      .self('/orders/1')
      .embed('customer', { name: 'Ada' })
      .template('cancel', { method: 'DELETE' })
      .toJSON();
    expect(Object.keys(document)).to.deep.equal(['_links', 'status', '_embedded', '_templates']);
    expect(document._links).to.deep.equal({ self: { href: '/orders/1' } });
  });

  it('should keep every link attribute', () => {
    const link = {
      href: '/orders/{id}',
      templated: true,
      title: 'An order',
      name: 'by-id',
      type: 'application/hal+json',
      profile: 'https://example.com/profiles/order',
      hreflang: 'en',
      deprecation: 'https://example.com/deprecations/order',
    };
    expect(createHalBuilder().link('order', link).toJSON()._links).to.deep.equal({ order: link });
  });

  it('should write a list relation as an array even with one link', () => {
    const document = createHalBuilder().links('item', ['/items/1']).toJSON();
    expect(document._links).to.deep.equal({ item: [{ href: '/items/1' }] });
  });

  it('should append to a list relation', () => {
    const document = createHalBuilder()
      .links('item', ['/items/1'])
      .links('item', ['/items/2'])
      .toJSON();
    expect(document._links?.item).to.have.length(2);
  });

  it('should refuse to turn a single relation into a list and back', () => {
    const builder = createHalBuilder().link('next', '/page/2').links('item', ['/items/1']);
    expect(() => builder.link('next', '/page/3')).to.throw(TypeError, /already has a link/);
    expect(() => builder.links('next', ['/page/3'])).to.throw(TypeError, /single link/);
    expect(() => builder.link('item', '/items/2')).to.throw(TypeError);
  });

  it('should take names that Object.prototype has as any other, and refuse __proto__', () => {
    const document = createHalBuilder()
      .link('constructor', '/c')
      .links('toString', ['/t'])
      .embed('valueOf', { id: 1 })
      .template('hasOwnProperty', { method: 'POST' })
      .toJSON();
    expect(JSON.stringify(document)).to.equal(
      '{"_links":{"constructor":{"href":"/c"},"toString":[{"href":"/t"}]},' +
        '"_embedded":{"valueOf":{"id":1}},"_templates":{"hasOwnProperty":{"method":"POST"}}}',
    );
    expect(() => createHalBuilder().link('constructor', '/c').link('constructor', '/d')).to.throw(
      TypeError,
      /already has a link/,
    );
    expect(() => createHalBuilder().link('__proto__', '/p')).to.throw(TypeError, /__proto__/);
    expect(() => createHalBuilder().links('__proto__', ['/p'])).to.throw(TypeError, /__proto__/);
    expect(() => createHalBuilder().embed('__proto__', {})).to.throw(TypeError, /__proto__/);
    expect(() => createHalBuilder().template('__proto__', { method: 'GET' })).to.throw(
      TypeError,
      /__proto__/,
    );
  });

  it('should refuse reserved property names and links without href', () => {
    expect(() => createHalBuilder({ _links: {} })).to.throw(TypeError, /reserved/);
    expect(() => createHalBuilder().link('next', { href: '' })).to.throw(TypeError, /href/);
    expect(() => createHalBuilder().link('', '/x')).to.throw(TypeError, /relation/);
  });

  it('should embed builders and arrays, with the same single/list rule', () => {
    const item = new HalBuilder({ id: 1 }).self('/items/1');
    const document = createHalBuilder().embedAll('items', [item]).embed('owner', item).toJSON();
    expect(document._embedded).to.deep.equal({
      items: [{ _links: { self: { href: '/items/1' } }, id: 1 }],
      owner: { _links: { self: { href: '/items/1' } }, id: 1 },
    });
    expect(() => createHalBuilder().embed('a', {}).embedAll('a', [])).to.throw(TypeError);
    expect(createHalBuilder().embedAll('none', []).toJSON()._embedded).to.deep.equal({ none: [] });
  });

  it('should add CURIEs as templated links and insist on {rel}', () => {
    const document = createHalBuilder().curie('acme', 'https://docs.acme.com/rels/{rel}').toJSON();
    expect(document._links?.curies).to.deep.equal([
      { name: 'acme', href: 'https://docs.acme.com/rels/{rel}', templated: true },
    ]);
    expect(() => createHalBuilder().curie('acme', 'https://docs.acme.com/')).to.throw(
      TypeError,
      /\{rel\}/,
    );
  });

  it('should keep template names as the author gave them', () => {
    const document = createHalBuilder().template('pay', { method: 'POST' }).toJSON();
    expect(Object.keys(document._templates ?? {})).to.deep.equal(['pay']);
    expect(() =>
      createHalBuilder().template('pay', { method: 'POST' }).template('pay', { method: 'PUT' }),
    ).to.throw(TypeError);
  });

  it('should leave out undefined properties', () => {
    expect(createHalBuilder({ a: 1, b: undefined }).toJSON()).to.deep.equal({ a: 1 });
  });
});
