import { createHalBuilder } from '@halway/hal';

export const order = createHalBuilder({
  status: 'payment-expected',
  total: { amount: 9, currency: 'EUR' },
})
  .self('/orders/17')
  .link('payment', { href: 'http://payments.example/payments?order=%2Forders%2F17', title: 'Pay' })
  .links('item', ['/orders/17/items/1']) // a list relation: an array even with one link
  .curie('acme', 'https://docs.acme.example/rels/{rel}')
  .embed('customer', { _links: { self: { href: '/customers/3' } }, name: 'Ada' })
  .template('cancel', { method: 'DELETE' })
  .toJSON();
