import { expect } from 'chai';
import { expandLink, readHal, HalReader } from '@halway/hal';

const ORDERS = 'http://orders.test:4001';
const PAYMENTS = 'http://payments.test:4002';

describe('readHal', () => {
  const document = {
    _links: {
      self: { href: '/orders/17' },
      payment: { href: `${PAYMENTS}/payments/3`, title: 'Pay' },
      item: [
        { href: 'items/1', name: 'first', type: 'application/hal+json' },
        { href: 'items/2', name: 'second', profile: 'https://example.com/p/item' },
      ],
      search: { href: '/orders{?status}', templated: true },
      curies: [{ name: 'acme', href: 'https://docs.acme.com/rels/{rel}', templated: true }],
      'acme:widgets': { href: '/widgets' },
      broken: { title: 'no href' },
    },
    status: 'paid',
    _embedded: {
      payment: {
        _links: { self: { href: `${PAYMENTS}/payments/3` }, receipt: { href: '/receipts/9' } },
        amount: 4.5,
      },
      notes: [{ text: 'no self', _links: { author: { href: '/people/1' } } }],
    },
    _templates: {
      cancel: { method: 'delete' },
      default: {
        method: 'PATCH',
        target: '/orders/17/edit',
        properties: [{ name: 'size' }, { prompt: 'nameless' }],
      },
    },
  };
  const order = readHal(document, `${ORDERS}/orders/17?x=1`);

  it('should resolve links against the URL the document came from', () => {
    expect(order.self).to.equal(`${ORDERS}/orders/17`);
    expect(order.link('item')?.href).to.equal(`${ORDERS}/orders/items/1`);
    expect(order.link('payment')?.href).to.equal(`${PAYMENTS}/payments/3`);
  });

  it('should resolve the same hrefs read again, from anywhere, as the URL parser does', () => {
    const hrefs = [
      'HTTP://Orders.Test:80/a/../b?q=1#f',
      'http:relative/to/the/base',
      'https://orders.test/%7Euser/ d',
      'x-custom://Host/Path',
      '//payments.test/p',
      'http://exa mple/',
    ];
    const read = (base: string) =>
      readHal({ _links: { item: hrefs.map((href) => ({ href })) } }, base)
        .links('item')
        .map((link) => link.href);
    for (const base of [`${ORDERS}/orders/1`, 'https://other.test/x/y', `${ORDERS}/orders/1`]) {
      const expected = hrefs.flatMap((href) =>
        URL.canParse(href, base) ? [new URL(href, base).href] : [],
      );
      expect(read(base)).to.deep.equal(expected);
    }
  });

  it('should resolve links inside an embedded resource against its own self', () => {
    const [payment] = order.embedded('payment');
    expect(payment?.link('receipt')?.href).to.equal(`${PAYMENTS}/receipts/9`);
    expect(payment?.properties).to.deep.equal({ amount: 4.5 });
  });

  it('should give embedded resources without self, resolved against the parent', () => {
    const [note] = order.embedded('notes');
    expect(note?.self).to.equal(undefined);
    expect(note?.url).to.equal(`${ORDERS}/orders/17?x=1`);
    expect(note?.link('author')?.href).to.equal(`${ORDERS}/people/1`);
    expect(order.embedded('missing')).to.deep.equal([]);
    expect(order.embeddedRels()).to.deep.equal(['payment', 'notes']);
  });

  it('should select links by name, type, profile and index', () => {
    expect(order.link('item', { name: 'second' })?.href).to.equal(`${ORDERS}/orders/items/2`);
    expect(order.link('item', { type: 'application/hal+json; charset=utf-8' })?.name).to.equal(
      'first',
    );
    expect(order.link('item', { profile: 'https://example.com/p/item' })?.name).to.equal('second');
    expect(order.link('item', { index: 1 })?.name).to.equal('second');
    expect(order.link('item', { name: 'third' })).to.equal(undefined);
  });

  it('should keep templated links as templates and expand them against their base', () => {
    const search = order.link('search')!;
    expect(search.href).to.equal('/orders{?status}');
    expect(expandLink(search, { status: 'paid' })).to.equal(`${ORDERS}/orders?status=paid`);
    expect(expandLink(search)).to.equal(`${ORDERS}/orders`);
  });

  it('should find CURIE relations by prefix or by full URI, and give their documentation', () => {
    expect(order.curieDocumentation('acme:widgets')).to.equal('https://docs.acme.com/rels/widgets');
    expect(order.link('https://docs.acme.com/rels/widgets')?.href).to.equal(`${ORDERS}/widgets`);
    expect(order.rels()).to.not.include('curies');
  });

  it('should skip links without href', () => {
    expect(order.hasLink('broken')).to.equal(false);
    expect(order.links().map((link) => link.rel)).to.not.include('broken');
  });

  it('should apply the HAL-FORMS defaults to templates', () => {
    const cancel = order.template('cancel')!;
    expect(cancel.method).to.equal('DELETE');
    expect(cancel.title).to.equal('cancel');
    expect(cancel.target).to.equal(`${ORDERS}/orders/17`);
    expect(cancel.contentType).to.equal('application/json');
    const edit = order.template()!;
    expect(edit.name).to.equal('default');
    expect(edit.target).to.equal(`${ORDERS}/orders/17/edit`);
    expect(edit.properties.map((property) => property.name)).to.deep.equal(['size']);
  });

  it('should treat the first template as the default when none is called default', () => {
    const reader = readHal(
      { _templates: { pay: { method: 'POST' }, refund: { method: 'POST' } } },
      `${ORDERS}/`,
    );
    expect(reader.template()?.name).to.equal('pay');
    expect(reader.template('nope')).to.equal(undefined);
  });

  it('should treat an empty or invalid method as GET and keep templated targets', () => {
    const reader = readHal(
      {
        _templates: { a: { method: '' }, b: { method: 'no good', target: '/orders/{id}/payment' } },
      },
      `${ORDERS}/`,
    );
    expect(reader.template('a')?.method).to.equal('GET');
    expect(reader.template('b')).to.include({
      method: 'GET',
      target: '/orders/{id}/payment',
      targetTemplated: true,
    });
  });

  it('should resolve option links of template properties', () => {
    const reader = readHal(
      {
        _templates: {
          default: {
            method: 'POST',
            properties: [{ name: 'drink', options: { link: { href: '/menu' } } }],
          },
        },
      },
      `${ORDERS}/`,
    );
    expect(reader.template()?.properties[0]?.options?.link?.href).to.equal(`${ORDERS}/menu`);
  });

  it('should refuse what is not a JSON object or an absolute base', () => {
    expect(() => readHal([], `${ORDERS}/`)).to.throw(TypeError);
    expect(() => new HalReader({}, '/relative')).to.throw(TypeError, /absolute/);
  });
});
