import { expect } from 'chai';
import {
  decodeHandoff,
  encodeHandoff,
  HANDOFF_PARAMETER,
  readTrail,
  withHandoff,
} from '../../../packages/explorer/app/trail/codec.js';
import { addHop, emptyTrail, type Trail } from '../../../packages/explorer/app/trail/trail.js';

const trail: Trail = [
  { url: 'http://127.0.0.1:4001/', label: 'open', method: 'GET', status: 200, ms: 4 },
  { url: 'http://127.0.0.1:4001/', label: 'place-order', method: 'POST', status: 201, ms: 9 },
  { url: 'http://localhost:4002/payments/1', label: 'payment', method: 'GET' },
].reduce(addHop, emptyTrail());

function encodeRaw(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return `${HANDOFF_PARAMETER}=${Buffer.from(bytes).toString('base64url')}`;
}

describe('hand-off codec', () => {
  describe('encodeHandoff() and decodeHandoff()', () => {
    it('should carry a trail, pending hop included, through a fragment', () => {
      const fragment = encodeHandoff({ trail });
      expect(fragment).to.match(/^halway=[A-Za-z0-9_-]+$/);
      expect(decodeHandoff(`#${fragment}`)).to.deep.equal({ trail });
      expect(decodeHandoff(fragment)).to.deep.equal({ trail });
    });

    it('should carry labels in any script', () => {
      const unicode = addHop(emptyTrail(), {
        url: 'http://a.test/',
        label: 'bestellen ☕ 注文',
        method: 'GET',
      });
      expect(decodeHandoff(encodeHandoff({ trail: unicode }))!.trail).to.deep.equal(unicode);
    });

    it('should carry a handed-over form', () => {
      const form = {
        from: 'http://127.0.0.1:4001/orders/1',
        name: 'pay',
        template: {
          method: 'POST',
          target: 'http://localhost:4002/payments',
          properties: [{ name: 'card' }],
        },
      };
      expect(decodeHandoff(encodeHandoff({ trail, form }))).to.deep.equal({ trail, form });
    });

    it('should drop the oldest hops rather than grow past what a URL can hold', () => {
      let long = emptyTrail();
      for (let index = 0; index < 40; index++)
        long = addHop(long, {
          url: `http://a.test/${'x'.repeat(1500)}/${index}`,
          label: `hop ${index}`,
          method: 'GET',
        });
      const fragment = encodeHandoff({ trail: long });
      expect(fragment.length).to.be.at.most(16_000 + HANDOFF_PARAMETER.length + 1);
      const decoded = decodeHandoff(fragment)!;
      expect(decoded.trail.hops.length).to.be.below(40);
      expect(decoded.trail.hops.at(-1)!.label).to.equal('hop 39');
      expect(decoded.trail.current).to.equal(decoded.trail.hops.length - 1);
    });

    it('should ignore other fragment parameters and fragments without a hand-off', () => {
      expect(decodeHandoff(`#section=2&${encodeHandoff({ trail })}`)).to.deep.equal({ trail });
      expect(decodeHandoff('#content')).to.equal(undefined);
      expect(decodeHandoff('')).to.equal(undefined);
    });

    it('should refuse anything malformed, since anyone can write a fragment', () => {
      const good = { url: 'http://a.test/', label: 'open', method: 'GET' };
      const bad: unknown[] = [
        { v: 2, c: 0, h: [{ u: good.url, l: 'x', m: 'GET' }] },
        { v: 1, c: 1, h: [{ u: good.url, l: 'x', m: 'GET' }] },
        { v: 1, c: 0, h: [{ u: 'javascript:alert(1)', l: 'x', m: 'GET' }] },
        { v: 1, c: 0, h: [{ u: 'data:text/html,<script>', l: 'x', m: 'GET' }] },
        { v: 1, c: 0, h: [{ u: good.url, l: '', m: 'GET' }] },
        { v: 1, c: 0, h: [{ u: good.url, l: 'x', m: 'get <script>' }] },
        { v: 1, c: 0, h: [{ u: good.url, l: 'x', m: 'GET', s: 999 }] },
        { v: 1, c: 0, h: [{ u: good.url, l: 'x', m: 'GET', t: -1 }] },
        {
          v: 1,
          c: 0,
          h: [{ u: good.url, l: 'x', m: 'GET' }],
          f: { from: 'javascript:x', name: 'a', template: { method: 'POST' } },
        },
        { v: 1, c: 0, h: 'nope' },
        [1, 2, 3],
      ];
      for (const value of bad)
        expect(decodeHandoff(encodeRaw(value)), JSON.stringify(value)).to.equal(undefined);
      expect(decodeHandoff(`${HANDOFF_PARAMETER}=%%%`)).to.equal(undefined);
      expect(
        decodeHandoff(`${HANDOFF_PARAMETER}=${Buffer.from([0xff, 0xfe]).toString('base64url')}`),
      ).to.equal(undefined);
    });
  });

  describe('withHandoff()', () => {
    it('should replace the URL’s fragment with the hand-off and keep its query', () => {
      const url = withHandoff('http://localhost:4002/payments?order=1#old', { trail });
      expect(url.startsWith('http://localhost:4002/payments?order=1#halway=')).to.equal(true);
      expect(decodeHandoff(new URL(url).hash)).to.deep.equal({ trail });
    });
  });

  describe('readTrail()', () => {
    it('should accept a well-formed trail and an empty one', () => {
      expect(readTrail(JSON.parse(JSON.stringify(trail)))).to.deep.equal(trail);
      expect(readTrail({ hops: [], current: -1 })).to.deep.equal(emptyTrail());
    });

    it('should refuse a trail whose current hop does not exist', () => {
      expect(readTrail({ hops: trail.hops, current: 3 })).to.equal(undefined);
      expect(readTrail({ hops: trail.hops, current: 0.5 })).to.equal(undefined);
      expect(readTrail({ hops: [], current: 0 })).to.equal(undefined);
      expect(readTrail(null)).to.equal(undefined);
    });
  });
});
