import { expect } from 'chai';
import { expandUriTemplate, isUriTemplate, uriTemplateVariables } from '@halway/hal';

describe('expandUriTemplate', () => {
  it('should expand every RFC 6570 level', () => {
    expect(expandUriTemplate('/orders/{id}', { id: 17 })).to.equal('/orders/17');
    expect(expandUriTemplate('{+base}/x', { base: 'http://a.test/b' })).to.equal(
      'http://a.test/b/x',
    );
    expect(expandUriTemplate('/orders{?status,page}', { status: 'paid', page: 2 })).to.equal(
      '/orders?status=paid&page=2',
    );
    expect(expandUriTemplate('/find{?tags*}', { tags: ['a', 'b'] })).to.equal(
      '/find?tags=a&tags=b',
    );
    expect(expandUriTemplate('/p{/segments*}', { segments: ['a', 'b'] })).to.equal('/p/a/b');
  });

  it('should percent-encode values and drop undefined ones', () => {
    expect(expandUriTemplate('/payments{?order}', { order: 'http://o.test/orders/1' })).to.equal(
      '/payments?order=http%3A%2F%2Fo.test%2Forders%2F1',
    );
    expect(expandUriTemplate('/orders{?status}', { status: undefined })).to.equal('/orders');
  });

  it('should throw a TypeError for a malformed template', () => {
    expect(() => expandUriTemplate('/orders/{id', {})).to.throw(TypeError, /URI template/);
  });
});

describe('uriTemplateVariables', () => {
  it('should list variable names in order, once', () => {
    expect(uriTemplateVariables('/orders/{id}{?fields*,id}')).to.deep.equal(['id', 'fields']);
    expect(uriTemplateVariables('/plain')).to.deep.equal([]);
  });
});

describe('isUriTemplate', () => {
  it('should tell templates from URIs', () => {
    expect(isUriTemplate('/orders/{id}')).to.equal(true);
    expect(isUriTemplate('/orders/17')).to.equal(false);
  });
});
