import { expect } from 'chai';
import {
  addHop,
  completeHop,
  currentHop,
  emptyTrail,
  hopOrigin,
  MAX_HOPS,
  moveTo,
  hueAt,
  originHues,
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

  describe('originHues()', () => {
    it('should give each service of a trail its own hue, by order of first appearance', () => {
      const trail = [
        hop('/', 'http://127.0.0.1:4001'),
        hop('/p', 'http://localhost:4002'),
        hop('/o', 'http://127.0.0.1:4001'),
        hop('/k', 'http://localhost:4003'),
      ].reduce(addHop, emptyTrail());
      const hues = originHues(trail);
      expect([...hues.keys()]).to.deep.equal([
        'http://127.0.0.1:4001',
        'http://localhost:4002',
        'http://localhost:4003',
      ]);
      expect([...hues.values()]).to.deep.equal([hueAt(0), hueAt(1), hueAt(2)]);
      expect(originHues(trail)).to.deep.equal(hues);
    });

    it('should keep the first services far apart and clear of the reds kept for errors', () => {
      const hues = Array.from({ length: 6 }, (_, index) => hueAt(index));
      for (const hue of hues) expect(hue).to.be.within(30, 319);
      const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
      for (let a = 0; a < 3; a++)
        for (let b = a + 1; b < 3; b++) expect(distance(hues[a]!, hues[b]!)).to.be.at.least(60);
      expect(new Set(hues).size).to.equal(6);
    });
  });

  describe('hopOrigin()', () => {
    it('should give the origin of the hop’s URL', () => {
      expect(hopOrigin(hop('/x', 'http://localhost:9'))).to.equal('http://localhost:9');
    });
  });
});
