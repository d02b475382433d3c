// The server README's authentication samples: who may mark an order paid, with static tokens
// for other services and JWTs from an identity provider for everyone else.
import {
  anyAuthentication,
  bearerAuthentication,
  createService,
  defineHome,
  defineResource,
  jwtAuthentication,
  type Store,
} from '@halway/server';

interface Order {
  id: string;
  status: 'payment-expected' | 'paid';
}

const order = defineResource('/orders/:id', {
  load: ({ db, params }) => db.get<Order>('order', params.id),
  params: (order: Order) => ({ id: order.id }),
}).action('mark-paid', {
  method: 'POST',
  path: '/paid',
  allow: (caller) => caller?.roles?.includes('service') === true,
  handle: ({ state }) => {
    state.status = 'paid';
  },
});
const resources = [defineHome({ title: 'Orders', links: { order } }), order];

/** The service with the payments service's static token only; orders are kept in `store`. */
export function withStaticTokens(store?: Store) {
  return createService({
    resources,
    store,
    authentication: bearerAuthentication({
      [process.env.PAYMENTS_TOKEN!]: { id: 'payments', roles: ['service'] },
    }),
  });
}

/** The service with JWTs from the identity provider, and the payments service's static token. */
export function withJwts(store?: Store) {
  return createService({
    resources,
    store,
    authentication: anyAuthentication(
      jwtAuthentication({
        jwksUrl: process.env.JWKS_URL ?? 'https://login.example/.well-known/jwks.json',
        issuer: 'https://login.example/',
        audience: 'https://orders.example/',
        clockTolerance: 30, // seconds of skew allowed on exp and nbf (the default)
      }),
      bearerAuthentication({
        [process.env.PAYMENTS_TOKEN!]: { id: 'payments', roles: ['service'] },
      }),
    ),
  });
}
