import { expect } from 'chai';
import { order } from './hal/build.js';
import { errors, prefilled, request } from './hal/form-model.js';
import { readOrder } from './hal/read.js';
import { expanded, header, next, variables } from './hal/uri-templates.js';

describe('@halway/hal README', () => {
  it('should build the order document it shows', () => {
    expect(order._links?.self).to.deep.equal({ href: '/orders/17' });
    expect(order._links?.item).to.deep.equal([{ href: '/orders/17/items/1' }]);
    expect(order._links?.curies).to.deep.equal([
      { name: 'acme', href: 'https://docs.acme.example/rels/{rel}', templated: true },
    ]);
    expect(order._embedded?.customer).to.include({ name: 'Ada' });
    expect(order._templates?.cancel).to.deep.equal({ method: 'DELETE' });
  });

  it('should read links absolute, embedded ones against their own self', () => {
    const read = readOrder(
      {
        ...order,
        _links: {
          ...order._links,
          item: [{ href: 'items/1', name: 'first' }],
          search: { href: '/orders{?q}', templated: true },
        },
        _embedded: { customer: { _links: { self: { href: 'http://crm.example/customers/3' } } } },
      },
      'http://shop.example/orders/17',
    );
    expect(read.payment).to.equal('http://payments.example/payments?order=%2Forders%2F17');
    expect(read.first?.href).to.equal('http://shop.example/orders/items/1');
    expect(read.search).to.equal('http://shop.example/orders?q=x');
    expect(read.customer?.href).to.equal('http://crm.example/customers/3');
    expect(read.form?.name).to.equal('cancel');
    expect(read.docs).to.equal('https://docs.acme.example/rels/widgets');
  });

  it('should expand templates and read and write Link headers as the comments say', () => {
    expect(expanded).to.equal('/orders?status=paid');
    expect(variables).to.deep.equal(['id', 'fields']);
    expect(next[0]).to.include({ rel: 'next', href: 'http://shop.example/orders?page=2' });
    expect(header).to.equal('</orders/17>; rel=invalidates');
  });

  it('should validate and encode the form with the results the comments show', () => {
    expect(prefilled.find((property) => property.name === 'quantity')?.value).to.equal('2');
    expect(
      errors.map(({ field, constraint, message }) => ({ field, constraint, message })),
    ).to.deep.equal([
      { field: 'drink', constraint: 'required', message: 'is required' },
      { field: 'quantity', constraint: 'max', message: 'must be at most 10' },
    ]);
    expect(request).to.deep.include({
      method: 'POST',
      url: 'http://shop.example/orders',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(request.body!)).to.deep.equal({ drink: 'tea', quantity: 3 });
  });
});
