import { expect } from 'chai';
import { readHal } from '@halway/hal';
import { handOverUrl, readHandedForm } from '../../../packages/explorer/app/nav/hand-over.js';
import { classifyTarget } from '../../../packages/explorer/app/nav/targets.js';
import { decodeHandoff } from '../../../packages/explorer/app/trail/codec.js';
import { addHop, emptyTrail } from '../../../packages/explorer/app/trail/trail.js';

const ORDERS = 'http://127.0.0.1:4001';
const PAYMENTS = 'http://localhost:4002';
const classify = (url: string) => classifyTarget(url, ORDERS, new Set([PAYMENTS]));
const trail = addHop(emptyTrail(), {
  url: `${ORDERS}/offer`,
  label: 'open',
  method: 'GET',
  status: 200,
});

function templateTo(target: string) {
  return readHal(
    {
      _links: { self: { href: '/offer' } },
      _templates: {
        pay: {
          method: 'POST',
          title: 'Pay',
          contentType: 'application/x-www-form-urlencoded',
          target,
          properties: [{ name: 'card', required: true }],
        },
      },
    },
    `${ORDERS}/offer`,
  ).template('pay')!;
}

describe('handOverUrl()', () => {
  it('should open a peer’s form at its target, with the trail and the template in the fragment', () => {
    const url = handOverUrl(
      templateTo(`${PAYMENTS}/payments/1`),
      trail,
      `${ORDERS}/offer`,
      classify,
    )!;
    expect(url.startsWith(`${PAYMENTS}/payments/1#halway=`)).to.equal(true);
    const handoff = decodeHandoff(new URL(url).hash)!;
    expect(handoff.trail.hops.map((hop) => hop.label)).to.deep.equal(['open', 'pay (form)']);
    expect(handoff.trail.hops[1]).to.deep.equal({
      url: `${PAYMENTS}/payments/1`,
      label: 'pay (form)',
      method: 'GET',
    });
    expect(handoff.form).to.deep.equal({
      from: `${ORDERS}/offer`,
      name: 'pay',
      template: {
        method: 'POST',
        contentType: 'application/x-www-form-urlencoded',
        properties: [{ name: 'card', required: true }],
        title: 'Pay',
        target: `${PAYMENTS}/payments/1`,
      },
    });
  });

  it('should open a templated target at the peer’s root', () => {
    const url = handOverUrl(
      templateTo(`${PAYMENTS}/payments/{id}`),
      trail,
      `${ORDERS}/offer`,
      classify,
    )!;
    expect(url.startsWith(`${PAYMENTS}/#halway=`)).to.equal(true);
  });

  it('should hand nothing to an origin that is not a peer', () => {
    expect(
      handOverUrl(templateTo('https://elsewhere.example/pay'), trail, `${ORDERS}/offer`, classify),
    ).to.equal(undefined);
    expect(
      handOverUrl(templateTo('javascript:alert(1)'), trail, `${ORDERS}/offer`, classify),
    ).to.equal(undefined);
  });
});

describe('readHandedForm()', () => {
  const form = {
    from: `${ORDERS}/offer`,
    name: 'pay',
    template: {
      method: 'post',
      target: `${PAYMENTS}/payments/1`,
      properties: [{ name: 'card' }, { prompt: 'no name' }],
    },
  };

  it('should read the template as any document’s, when it targets this origin', () => {
    const arrived = readHandedForm(form as never, `${PAYMENTS}/payments/1`, PAYMENTS)!;
    expect(arrived.from).to.equal(`${ORDERS}/offer`);
    expect(arrived.template).to.deep.include({
      name: 'pay',
      method: 'POST',
      title: 'pay',
      target: `${PAYMENTS}/payments/1`,
    });
    expect(arrived.template.properties).to.deep.equal([{ name: 'card' }]);
  });

  it('should refuse a form that targets another origin', () => {
    expect(readHandedForm(form as never, `${ORDERS}/`, ORDERS)).to.equal(undefined);
  });
});
