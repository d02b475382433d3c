import type { RelationsOptions } from '@halway/server';

/**
 * The coffee shop's own link relations: `cs:` CURIEs, each documented on a page every service
 * serves at `/rels/<name>` (the explorer shows it beside the resource). The three services share
 * one vocabulary, so a client learns it once. `payment` and `collection` are IANA-registered
 * relations and are used as they are.
 */
export const COFFEE_SHOP_RELATIONS: RelationsOptions = {
  curie: 'cs',
  docs: {
    orders: {
      title: 'The orders',
      description:
        'The orders of the shop, newest first, a page at a time. Each order is embedded and linked as cs:orders; the collection has a search form by status.',
    },
    order: {
      title: 'The order this is about',
      description:
        'The order a payment, a receipt or a kitchen ticket belongs to, on the orders service.',
    },
    menu: {
      title: 'The menu',
      description:
        'The drinks on offer (embedded as cs:drinks, with their prices) and the sizes. Asked for as application/json it is the plain list of drinks, which the place-order form offers as its drink options.',
    },
    drinks: {
      title: 'The drinks on the menu',
      description: 'Each drink: its code (what an order sends), its name and its price.',
    },
    receipt: {
      title: 'The receipt of a paid order',
      description:
        'On the payments service. It appears on an order once the order is paid, and on the payment itself.',
    },
    receipts: {
      title: 'The receipts of a payment',
      description:
        'Embedded in the payment of an order: each charge made for it, with its status (paid, or refunded).',
    },
    ticket: {
      title: 'The kitchen ticket of an order',
      description:
        'On the kitchen service. It appears once the order is paid: the kitchen starts and finishes it, and the order follows its state.',
    },
    tickets: {
      title: 'The tickets in the queue',
      description: 'Each ticket the kitchen has still to start or finish, oldest first.',
    },
    queue: {
      title: 'The kitchen queue',
      description:
        'The tickets to prepare, a page at a time, each embedded and linked as cs:tickets.',
    },
    'payment-for': {
      title: 'The payment of an order, by its URL',
      description:
        'A templated link on the payments home: {order} is the absolute URL of an order. The orders service builds each order’s payment link from it, so payments may change its paths freely.',
    },
    'ticket-for': {
      title: 'The ticket of an order, by its URL',
      description:
        'A templated link on the kitchen home: {order} is the absolute URL of an order; it answers 303 to the ticket.',
    },
  },
};
