import {
  basicAuth,
  bearerAuth,
  createClient,
  oauth2ClientCredentials,
  setHeaders,
} from '@halway/client';

/** What the client's credentials come from. */
export interface Secrets {
  tokens: { current(): string };
  secret: string;
  key: string;
  tokenEndpoint: string;
  clientSecret: string;
}

/** A client that sends each credential to its own origin only, and logs every request. */
export function createShopClient({ tokens, secret, key, tokenEndpoint, clientSecret }: Secrets) {
  const client = createClient()
    .use(
      bearerAuth(() => tokens.current()),
      { origin: 'https://orders.example' },
    )
    .use(basicAuth('orders-svc', secret), { origin: 'https://payments.example' })
    .use(setHeaders({ 'x-api-key': key }), { origin: /^https:\/\/catalog\.example(:\d+)?$/ })
    .use(
      oauth2ClientCredentials({
        tokenEndpoint,
        clientId: 'orders',
        clientSecret,
        scope: 'receipts',
      }),
      { origin: 'https://receipts.example' },
    )
    .use(
      async (request, next) => {
        const response = await next(request);
        console.log(request.method, request.url, response.status);
        return response;
      },
      { origin: '*' },
    );
  return client;
}
