import { expect } from 'chai';
import { diffMaps, readMap, type MapField, type WorkflowMap } from '@halway/map';

function mapWith(fields: MapField[], forms = ['pay']): WorkflowMap {
  return readMap({
    format: 'halway-map',
    version: 1,
    entry: 'http://shop.test/',
    exercised: false,
    services: [{ id: 'payments', origin: 'http://shop.test' }],
    kinds: [
      {
        id: 'payments/payment',
        service: 'payments',
        name: 'payment',
        title: 'Payment',
        links: [{ rel: 'order' }],
        forms: forms.map((name) => ({ name, method: 'POST', fields })),
      },
    ],
    states: [],
    transitions: [],
    documents: 1,
    errors: [],
  });
}

describe('diffMaps', () => {
  it('should call narrowed constraints and removed options breaking, and list them first', () => {
    const before = mapWith([
      { name: 'amount', type: 'number', min: 0, max: 100 },
      { name: 'card', options: ['visa', 'amex'] },
      { name: 'note', maxLength: 80 },
    ]);
    const after = mapWith([
      { name: 'amount', type: 'number', min: 1, max: 200 },
      { name: 'card', options: ['visa', 'mastercard'], required: true },
      { name: 'note', maxLength: 120, regex: '^[a-z]*$' },
    ]);
    const changes = diffMaps(before, after);
    expect(changes.filter((change) => change.breaking).map((change) => change.what)).to.deep.equal([
      'min 0 → 1 (narrowed)',
      'newly required',
      'option "amex" removed',
      'pattern added: /^[a-z]*$/',
    ]);
    expect(changes.filter((change) => !change.breaking).map((change) => change.what)).to.deep.equal(
      ['max 100 → 200', 'option "mastercard" added', 'maxLength 80 → 120'],
    );
    expect(changes[0]!.where).to.equal('payments/payment pay amount');
  });

  it('should find nothing between a map and itself, and an added optional form compatible', () => {
    const map = mapWith([{ name: 'amount' }]);
    expect(diffMaps(map, map)).to.deep.equal([]);
    expect(diffMaps(map, mapWith([{ name: 'amount' }], ['pay', 'refund']))).to.deep.equal([
      { breaking: false, where: 'payments/payment', what: 'form "refund" added' },
    ]);
    expect(diffMaps(mapWith([{ name: 'amount' }], ['pay', 'refund']), map)[0]).to.include({
      breaking: true,
      what: 'form "refund" removed',
    });
  });

  it('should refuse a file that is not a map', () => {
    expect(() => readMap({ format: 'other' })).to.throw(TypeError, /format/);
  });
});
