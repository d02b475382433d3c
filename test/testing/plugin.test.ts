import { AssertionError, expect } from 'chai';
import { halDocumentErrors } from '@halway/testing';

const order = {
  _links: {
    self: { href: '/orders/1' },
    payment: { href: 'http://localhost:4002/payments/1', title: 'Pay' },
    search: { href: '/orders{?q}', templated: true },
  },
  status: 'open',
  _embedded: { items: [{ _links: { self: { href: '/items/1' } } }] },
  _templates: {
    update: {
      method: 'PATCH',
      properties: [
        { name: 'size', required: true },
        { name: 'quantity', type: 'number' },
      ],
    },
  },
};

const response = {
  status: 409,
  headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
  body: {
    type: 'tag:x',
    title: 'Conflict',
    status: 409,
    errors: [{ pointer: '/size', field: 'size' }],
  },
  request: { url: 'http://localhost:4001/orders/1' },
};

describe('halway chai plugin', () => {
  describe('halLink', () => {
    it('should pass for an existing link and fail for a missing one', () => {
      expect(order).to.have.halLink('payment');
      expect(order).to.have.halLink('payment', { origin: 'http://localhost:4002', title: 'Pay' });
      expect(order).to.have.halLink('search', { templated: true });
      expect(() => expect(order).to.have.halLink('receipt')).to.throw(
        AssertionError,
        /links: self, payment, search/,
      );
      expect(() =>
        expect(order).to.have.halLink('payment', { origin: 'http://localhost:4001' }),
      ).to.throw(AssertionError);
      expect(order).not.to.have.halLink('receipt');
      expect(() => expect(order).not.to.have.halLink('payment')).to.throw(AssertionError);
    });

    it('should resolve relative links against the response URL', () => {
      const reply = {
        status: 200,
        headers: {},
        body: order,
        request: { url: 'http://localhost:4001/orders/1' },
      };
      expect(reply).to.have.halLink('self', {
        href: 'http://localhost:4001/orders/1',
        origin: 'http://localhost:4001',
      });
    });
  });

  describe('halEmbedded', () => {
    it('should count embedded resources', () => {
      expect(order).to.have.halEmbedded('items', 1);
      expect(() => expect(order).to.have.halEmbedded('items', 2)).to.throw(AssertionError);
      expect(order).not.to.have.halEmbedded('others');
    });
  });

  describe('halTemplate', () => {
    it('should check method and properties', () => {
      expect(order).to.have.halTemplate('update', {
        method: 'patch',
        properties: ['size', 'quantity'],
      });
      expect(order).to.have.halTemplate('update', {
        properties: { size: { required: true }, quantity: { type: 'number' } },
      });
      expect(() => expect(order).to.have.halTemplate('update', { method: 'PUT' })).to.throw(
        AssertionError,
        /method is PATCH/,
      );
      expect(() => expect(order).to.have.halTemplate('update', { properties: ['size'] })).to.throw(
        AssertionError,
      );
      expect(() => expect(order).to.have.halTemplate('cancel')).to.throw(
        AssertionError,
        /found update/,
      );
    });

    it('should assert the absence of a template', () => {
      expect(order).not.to.have.halTemplate('cancel');
      expect(() => expect(order).not.to.have.halTemplate('update')).to.throw(AssertionError);
    });
  });

  describe('problem', () => {
    it('should check a problem response', () => {
      expect(response).to.be.problem({ status: 409, type: 'tag:x', fields: ['size'] });
      expect(() => expect(response).to.be.problem({ status: 422 })).to.throw(
        AssertionError,
        /status is 409/,
      );
      expect(() => expect(response).to.be.problem({ fields: ['quantity'] })).to.throw(
        AssertionError,
      );
      expect(() =>
        expect({ ...response, headers: { 'content-type': 'application/json' } }).to.be.problem(),
      ).to.throw(AssertionError, /Content-Type/);
      expect(() => expect(order).to.be.problem()).to.throw(AssertionError);
    });
  });

  describe('validHal and validHalForms', () => {
    it('should accept valid documents and report what is wrong with others', () => {
      expect(order).to.be.validHal;
      expect(order).to.be.validHalForms;
      expect(halDocumentErrors({ _links: { self: {} } })).to.have.length.greaterThan(0);
      expect(halDocumentErrors({ status: 'x' })).to.deep.equal(['it has no self link']);
      expect(
        halDocumentErrors(
          { _links: { self: { href: '/' } }, _templates: { a: {} } },
          { forms: true },
        )[0],
      ).to.match(/method/);
      expect(
        halDocumentErrors({
          _links: { self: { href: '/' } },
          _embedded: { a: { _links: { x: 1 } } },
        }),
      ).to.have.length.greaterThan(0);
      expect(() => expect({ _links: { self: [{}] } }).to.be.validHal).to.throw(AssertionError);
    });
  });
});
