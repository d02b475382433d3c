import { expect } from 'chai';
import { formatLinkHeader, parseLinkHeader } from '@halway/hal';

describe('parseLinkHeader', () => {
  it('should parse links and resolve them against the response URL', () => {
    const links = parseLinkHeader(
      '</orders?page=2>; rel="next"; title="Next page", <https://docs.test/o>; rel=describedby; type="text/html"',
      'http://orders.test/orders?page=1',
    );
    expect(links).to.deep.equal([
      {
        rel: 'next',
        href: 'http://orders.test/orders?page=2',
        title: 'Next page',
        base: 'http://orders.test/orders?page=1',
      },
      {
        rel: 'describedby',
        href: 'https://docs.test/o',
        type: 'text/html',
        base: 'http://orders.test/orders?page=1',
      },
    ]);
  });

  it('should give one link per relation type', () => {
    const links = parseLinkHeader('</a>; rel="last next"', 'http://x.test/');
    expect(links.map((link) => link.rel)).to.deep.equal(['last', 'next']);
  });

  it('should skip links anchored to another resource, and survive garbage', () => {
    expect(parseLinkHeader('</a>; rel=next; anchor="/other"', 'http://x.test/')).to.deep.equal([]);
    expect(parseLinkHeader('garbage', 'http://x.test/')).to.deep.equal([]);
  });
});

describe('formatLinkHeader', () => {
  it('should write a header that parses back', () => {
    const header = formatLinkHeader([
      { href: '/orders?page=2', rel: 'next' },
      { href: '/orders/1', rel: 'invalidates' },
    ]);
    expect(
      parseLinkHeader(header, 'http://x.test/').map((link) => [link.rel, link.href]),
    ).to.deep.equal([
      ['next', 'http://x.test/orders?page=2'],
      ['invalidates', 'http://x.test/orders/1'],
    ]);
  });
});
