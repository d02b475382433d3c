import { expect } from 'chai';
import {
  MapBuilder,
  readAlpsKinds,
  reachableFrom,
  sampleFromRegex,
  sampleValues,
  toMermaid,
  type Observation,
} from '@halway/map';
import { validateForm, type HalFormsProperty } from '@halway/hal';

const ALPS = {
  alps: {
    title: 'orders',
    descriptor: [
      { id: 'size', type: 'semantic', ext: [{ id: 'options', value: '"small" "large"' }] },
      {
        id: 'quantity',
        type: 'semantic',
        ext: [
          { id: 'min', value: '1' },
          { id: 'required', value: 'true' },
        ],
      },
      {
        id: 'order',
        type: 'semantic',
        title: 'An order',
        descriptor: [{ href: '#order.cancel' }, { href: '#order.pay' }],
      },
      { id: 'receipt', type: 'semantic' },
      {
        id: 'order.cancel',
        name: 'cancel',
        type: 'idempotent',
        rt: '#order',
        ext: [{ id: 'method', value: 'DELETE' }],
      },
      {
        id: 'order.pay',
        name: 'pay',
        type: 'unsafe',
        rt: '#receipt',
        descriptor: [{ href: '#size' }, { href: '#quantity' }],
      },
    ],
  },
};

function order(status: string, forms: string[]): Observation {
  return {
    url: `http://shop.test/orders/${status}`,
    service: 'orders',
    kind: 'order',
    properties: { status },
    links: [{ rel: 'self' }, { rel: 'collection', title: 'All orders' }],
    forms: forms.map((name) => ({ name, method: 'POST', properties: [] })),
  };
}

describe('readAlpsKinds', () => {
  it('should read kinds as the state descriptors with transitions or that a transition leads to', () => {
    const kinds = readAlpsKinds(ALPS);
    expect(kinds.map((kind) => kind.name)).to.deep.equal(['order', 'receipt']);
    expect(kinds[0]!.transitions).to.deep.equal([
      { name: 'cancel', safe: false, method: 'DELETE', rt: 'order', fields: [] },
      {
        name: 'pay',
        safe: false,
        rt: 'receipt',
        fields: [
          { name: 'size', options: ['small', 'large'] },
          { name: 'quantity', required: true, min: 1 },
        ],
      },
    ]);
    expect(readAlpsKinds({ alps: { descriptor: [ALPS.alps.descriptor[0]!] } })).to.deep.equal([]);
  });
});

describe('MapBuilder', () => {
  it('should name a state by kind, status and the links and forms offered, whatever the URL', () => {
    const builder = new MapBuilder('http://shop.test/');
    const a = builder.observe(order('paid', ['cancel']));
    const b = builder.observe({ ...order('paid', ['cancel']), url: 'http://shop.test/orders/9' });
    const c = builder.observe(order('ready', ['collect']));
    expect(a).to.equal('orders/order:paid[collection|cancel]');
    expect(b).to.equal(a);
    expect(c).not.to.equal(a);
    const map = builder.build(false);
    expect(map.states.find((state) => state.id === a)!.examples).to.have.length(2);
  });

  it('should not tell a list with items from an empty one by the links repeating its items', () => {
    const builder = new MapBuilder('http://shop.test/');
    const list = (links: Observation['links'], embedded: string[]): Observation => ({
      url: 'http://shop.test/orders',
      service: 'orders',
      kind: 'orders',
      properties: {},
      links,
      embedded,
      forms: [],
    });
    const empty = builder.observe(list([{ rel: 'self' }], []));
    const full = builder.observe(list([{ rel: 'self' }, { rel: 'cs:orders' }], ['cs:orders']));
    expect(full).to.equal(empty);
    expect(builder.build(false).kinds[0]!.links).to.deep.equal([{ rel: 'cs:orders' }]);
  });

  it('should keep what a profile declares but no state offered, from the kind', () => {
    const builder = new MapBuilder('http://shop.test/');
    builder.addService({ id: 'orders', origin: 'http://shop.test' });
    builder.declare('orders', readAlpsKinds(ALPS));
    const paid = builder.observe(order('paid', ['cancel']));
    builder.addTransition({ from: paid, type: 'form', name: 'cancel', safe: false });
    const map = builder.build(false);
    const declared = map.transitions.filter((transition) => transition.type === 'declared');
    expect(declared).to.have.length(1);
    expect(declared[0]).to.include({ from: 'orders/order', to: 'orders/receipt', name: 'pay' });
    expect(map.kinds.find((kind) => kind.id === 'orders/order')!.title).to.equal('An order');
    expect(map.transitions.map((transition) => transition.service)).to.deep.equal([
      'orders',
      'orders',
    ]);
  });
});

describe('sampleValues', () => {
  it('should generate values that pass every constraint of the form', () => {
    const fields: HalFormsProperty[] = [
      { name: 'card', required: true, regex: '^\\d{16}$' },
      { name: 'name', required: true, minLength: 3, maxLength: 5 },
      { name: 'quantity', type: 'number', min: 2, max: 10 },
      { name: 'email', type: 'email', required: true },
      { name: 'size', options: { inline: ['small', 'large'], maxItems: 1 } },
      { name: 'amount', readOnly: true, value: 4 },
    ];
    const values = sampleValues(fields, { size: [{ prompt: 'Small', value: 'small' }] });
    expect(values).to.deep.include({ quantity: 2, size: 'small', card: '4444444444444444' });
    expect(values).not.to.have.property('amount');
    expect(validateForm({ properties: fields }, values)).to.deep.equal([]);
  });

  it('should turn the string values HAL-FORMS gives into what each field holds', () => {
    const fields: HalFormsProperty[] = [
      { name: 'quantity', type: 'number', min: 1, max: 10, value: '3' },
      { name: 'gift', type: 'checkbox', value: 'true' },
      { name: 'note', value: '12' },
      {
        name: 'table',
        options: { link: { href: 'http://shop.test/tables' }, maxItems: 1, selectedValues: ['7'] },
      },
    ];
    const values = sampleValues(fields, { table: [{ prompt: 'By the window', value: 7 }] });
    expect(values).to.deep.equal({ quantity: 3, gift: true, note: '12', table: 7 });
  });

  it('should write a string for a simple pattern, and give up on alternation', () => {
    expect(sampleFromRegex('^[A-Z]{2}-\\d{3}$')).to.equal('AA-444');
    expect(sampleFromRegex('(a|b)')).to.equal(undefined);
  });
});

describe('reachableFrom', () => {
  it('should keep the transition named and what follows it, and nothing before it', () => {
    const builder = new MapBuilder('http://shop.test/');
    builder.addService({ id: 'orders', origin: 'http://shop.test' });
    const home = builder.observe({ ...order('', []), kind: 'home', properties: {} });
    const menu = builder.observe({ ...order('', []), kind: 'menu', properties: {} });
    const placed = builder.observe(order('placed', ['cancel']));
    const cancelled = builder.observe(order('cancelled', []));
    builder.addTransition({ from: home, to: menu, type: 'link', name: 'menu', safe: true });
    builder.addTransition({ from: home, to: placed, type: 'form', name: 'place', safe: false });
    builder.addTransition({
      from: placed,
      to: cancelled,
      type: 'form',
      name: 'cancel',
      safe: false,
    });
    const part = reachableFrom(builder.build(false), 'place');
    expect(part.transitions.map((transition) => transition.name)).to.have.members([
      'place',
      'cancel',
    ]);
    expect(part.states.map((state) => state.id)).to.not.include(menu);
    expect(toMermaid(part)).to.match(/n\d+ ==>\|"place"\| n\d+/);
    expect(() => reachableFrom(part, 'teleport')).to.throw(RangeError, /place/);
  });
});
