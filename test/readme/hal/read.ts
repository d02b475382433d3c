import { expandLink, readHal } from '@halway/hal';

/** What a client reads from an order received from `url`: every href absolute. */
export function readOrder(document: unknown, url: string) {
  const order = readHal(document, url);
  return {
    payment: order.link('payment')?.href, // absolute: 'http://payments.example/payments?order=…'
    first: order.link('item', { name: 'first' }), // select by name, type, profile or index
    search: expandLink(order.link('search')!, { q: 'x' }), // templated links expand, then resolve
    customer: order.embedded('customer')[0]?.link('self'), // against the item's own self
    form: order.template(), // the template called "default", else the first
    docs: order.curieDocumentation('acme:widgets'), // 'https://docs.acme.example/rels/widgets'
  };
}
