import { expect } from 'chai';
import {
  addHop,
  completeHop,
  currentHop,
  emptyTrail,
  hopOrigin,
  MAX_HOPS,
  moveTo,
  originHue,
  type TrailHop,
} from '../../../packages/explorer/app/trail/trail.js';

const hop = (path: string, origin = 'http://127.0.0.1:4001'): TrailHop => ({
  url: `${origin}${path}`,
  label: path,
  method: 'GET',
  status: 200,
  ms: 3,
});

describe('trail', () => {
  describe('addHop()', () => {
    it('should append a hop and make it current', () => {
      const trail = addHop(addHop(emptyTrail(), hop('/')), hop('/orders'));
      expect(trail.hops.map((entry) => entry.label)).to.deep.equal(['/', '/orders']);
      expect(trail.current).to.equal(1);
    });

    it('should drop the hops after the current one, like forward history', () => {
      let trail = [hop('/'), hop('/a'), hop('/b')].reduce(addHop, emptyTrail());
      trail = addHop(moveTo(trail, 0), hop('/c'));
      expect(trail.hops.map((entry) => entry.label)).to.deep.equal(['/', '/c']);
      expect(trail.current).to.equal(1);
    });

    it(`should keep the last ${MAX_HOPS} hops`, () => {
      let trail = emptyTrail();
      for (let index = 0; index < MAX_HOPS + 5; index++) trail = addHop(trail, hop(`/${index}`));
      expect(trail.hops).to.have.length(MAX_HOPS);
      expect(trail.hops[0]!.label).to.equal('/5');
      expect(currentHop(trail)!.label).to.equal(`/${MAX_HOPS + 4}`);
    });
  });

  describe('moveTo()', () => {
    it('should change the current hop and keep every hop', () => {
      const trail = moveTo([hop('/'), hop('/a'), hop('/b')].reduce(addHop, emptyTrail()), 1);
      expect(trail.current).to.equal(1);
      expect(trail.hops).to.have.length(3);
    });

    it('should throw a TypeError naming moveTo() for a hop that does not exist', () => {
      const trail = addHop(emptyTrail(), hop('/'));
      expect(() => moveTo(trail, 1)).to.throw(TypeError, /^moveTo\(\)/);
      expect(() => moveTo(trail, -1)).to.throw(TypeError, /^moveTo\(\)/);
    });
  });

  describe('completeHop()', () => {
    it('should fill in the status and time of the current hop', () => {
      const pending = addHop(emptyTrail(), { url: 'http://a.test/', label: 'open', method: 'GET' });
      const done = completeHop(pending, 404, 12);
      expect(currentHop(done)).to.deep.equal({
        url: 'http://a.test/',
        label: 'open',
        method: 'GET',
        status: 404,
        ms: 12,
      });
      expect(currentHop(pending)!.status).to.equal(undefined);
    });
  });

  describe('originHue()', () => {
    it('should give each origin a stable hue, clear of the reds kept for errors', () => {
      expect(originHue('http://127.0.0.1:4001')).to.equal(originHue('http://127.0.0.1:4001'));
      for (const origin of ['http://a.test', 'https://b.test', 'http://localhost:1']) {
        const hue = originHue(origin);
        expect(hue).to.be.within(30, 319);
        expect(Number.isInteger(hue)).to.equal(true);
      }
    });

    it('should tell neighbouring ports apart', () => {
      expect(originHue('http://localhost:4001')).not.to.equal(originHue('http://localhost:4002'));
    });
  });

  describe('hopOrigin()', () => {
    it('should give the origin of the hop’s URL', () => {
      expect(hopOrigin(hop('/x', 'http://localhost:9'))).to.equal('http://localhost:9');
    });
  });
});
