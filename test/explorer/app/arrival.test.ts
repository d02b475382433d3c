import { expect } from 'chai';
import { arrive, hasHandoff } from '../../../packages/explorer/app/nav/arrival.js';
import { encodeHandoff } from '../../../packages/explorer/app/trail/codec.js';
import { addHop, emptyTrail, type Trail } from '../../../packages/explorer/app/trail/trail.js';

const HERE = 'http://localhost:4002/payments/1';
const earlier: Trail = addHop(emptyTrail(), {
  url: 'http://127.0.0.1:4001/orders/1',
  label: 'location',
  method: 'GET',
  status: 200,
  ms: 5,
});
const handedOver = addHop(earlier, { url: HERE, label: 'payment', method: 'GET' });
const none = { fragment: '', historyState: null, stored: null };

describe('arrive()', () => {
  it('should take the trail handed over in the fragment first, its pending hop being this page', () => {
    const arrival = arrive({
      ...none,
      here: HERE,
      fragment: `#${encodeHandoff({ trail: handedOver })}`,
      historyState: { halway: emptyTrail() },
      stored: JSON.stringify(earlier),
    });
    expect(arrival).to.deep.equal({ trail: handedOver });
  });

  it('should take the history entry’s trail on a reload, adding no hop', () => {
    const reloaded = addHop(earlier, { url: HERE, label: 'payment', method: 'GET', status: 200 });
    expect(arrive({ ...none, here: HERE, historyState: { halway: reloaded } }).trail).to.deep.equal(
      reloaded,
    );
  });

  it('should continue this tab’s last trail with an open hop for an address typed by hand', () => {
    const { trail } = arrive({ ...none, here: HERE, stored: JSON.stringify(earlier) });
    expect(trail.hops).to.have.length(2);
    expect(trail.hops[1]).to.deep.equal({ url: HERE, label: 'open', method: 'GET' });
    expect(trail.current).to.equal(1);
  });

  it('should start a new trail when there is nothing, or nothing sound, to continue', () => {
    for (const sources of [
      none,
      { ...none, stored: '{broken' },
      { ...none, historyState: { halway: { hops: 'x' } } },
      { ...none, fragment: '#halway=garbage' },
    ]) {
      expect(arrive({ ...sources, here: HERE })).to.deep.equal({
        trail: { hops: [{ url: HERE, label: 'open', method: 'GET' }], current: 0 },
      });
    }
  });

  it('should give the form a hand-off carries', () => {
    const form = { from: 'http://127.0.0.1:4001/offer', name: 'pay', template: { method: 'POST' } };
    const arrival = arrive({
      ...none,
      here: HERE,
      fragment: `#${encodeHandoff({ trail: handedOver, form })}`,
    });
    expect(arrival.form).to.deep.equal(form);
  });
});

describe('hasHandoff()', () => {
  it('should tell fragments with a hand-off, sound or not, from others', () => {
    expect(hasHandoff('#halway=abc')).to.equal(true);
    expect(hasHandoff('#x=1&halway=')).to.equal(true);
    expect(hasHandoff('#content')).to.equal(false);
    expect(hasHandoff('')).to.equal(false);
  });
});
