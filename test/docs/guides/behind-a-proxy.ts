// The reverse-proxy guide's service: links and form targets built for the public URL, the
// proxy's X-Forwarded-Proto believed from loopback only, and TLS either at the proxy or here.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { createService, defineHome, defineResource, serve } from '@halway/server';

const order = defineResource('/orders/:id', {
  load: ({ params }) => ({ id: params.id }),
  params: (order: { id: string }) => ({ id: order.id }),
  // An absolute URL for another service to call back: built from publicUrl, never from Host.
  properties: (_order, context) => ({ callback: context.absoluteUrl(context.self) }),
});

/** The service as the proxy's clients see it, at `publicUrl` (e.g. `https://shop.example`). */
export function createOrders(publicUrl = process.env.PUBLIC_URL) {
  return createService({
    name: 'orders',
    resources: [defineHome({ links: { order } }), order],
    publicUrl,
    trustProxy: ['127.0.0.1', '::1'], // X-Forwarded-* believed from the proxy on loopback only
  });
}

/** Listens behind the proxy, on loopback only: the proxy terminates TLS. */
export function serveBehindProxy() {
  return serve(createOrders(), { host: '127.0.0.1', port: Number(process.env.PORT ?? 4001) });
}

/** Terminates TLS itself, when there is no proxy in front. */
export function serveWithTls(key = process.env.TLS_KEY!, cert = process.env.TLS_CERT!) {
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, createOrders());
  return new Promise<typeof server>((resolve) =>
    server.listen(Number(process.env.PORT ?? 443), () => resolve(server)),
  );
}
