import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '@halway/server';
import type { CoffeeShopServiceOptions, ServiceName } from './config.js';
import { createKitchen } from './kitchen/kitchen.js';
import { createOrders } from './orders/orders.js';
import { createPayments } from './payments/payments.js';

/** How to start the three services in one process (tests, demos). */
export interface CoffeeShopOptions extends Omit<
  CoffeeShopServiceOptions,
  'peers' | 'tokens' | 'publicUrl' | 'staffToken' | 'store'
> {
  /** The staff's bearer token (default: random; see {@link CoffeeShop.staffToken}). */
  staffToken?: string;
  /** Where each service keeps its data (default: memory). */
  stores?: Partial<Record<ServiceName, Store>>;
  /** Ports (0 or absent: any free one). */
  ports?: Partial<Record<ServiceName, number>>;
  /** The interface to listen on (default 127.0.0.1). */
  host?: string;
  /** The tokens the services call each other with (default: random). */
  tokens?: Record<ServiceName, string>;
}

/** A request one of the services received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** The running coffee shop. */
export interface CoffeeShop {
  /** Each service's base URL. */
  urls: Record<ServiceName, string>;
  /** The staff's bearer token: lists orders, sees the queue, starts and finishes tickets. */
  staffToken: string;
  /** Each service, with its data (for tests). */
  services: {
    orders: ReturnType<typeof createOrders>;
    payments: ReturnType<typeof createPayments>;
    kitchen: ReturnType<typeof createKitchen>;
  };
  /** The requests each service received. */
  requests: Record<ServiceName, ReceivedRequest[]>;
  /** Takes a service off the network (its data stays), as if its process had stopped. */
  stop(name: ServiceName): Promise<void>;
  /** Puts a stopped service back on its port. */
  resume(name: ServiceName): Promise<void>;
  /** Stops everything. */
  close(): Promise<void>;
}

const NAMES: readonly ServiceName[] = ['orders', 'payments', 'kitchen'];

/**
 * Starts orders, payments and kitchen in this process, each on its own port and origin, each
 * knowing only the others' entry URLs.
 */
export async function startCoffeeShop(options: CoffeeShopOptions = {}): Promise<CoffeeShop> {
  const host = options.host ?? '127.0.0.1';
  const tokens = options.tokens ?? {
    orders: randomUUID(),
    payments: randomUUID(),
    kitchen: randomUUID(),
  };
  const requests: Record<ServiceName, ReceivedRequest[]> = {
    orders: [],
    payments: [],
    kitchen: [],
  };
  const handlers: Partial<Record<ServiceName, RequestListener>> = {};
  const servers = {} as Record<ServiceName, Server>;
  const ports = {} as Record<ServiceName, number>;

  // Ports first: each service is created knowing where the others are.
  for (const name of NAMES) {
    servers[name] = createServer((request, response) => {
      // Node makes a new headers object per request and nobody changes it: kept, not copied.
      requests[name].push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
      });
      handlers[name]!(request, response);
    });
    ports[name] = await listen(servers[name], options.ports?.[name] ?? 0, host);
  }
  const urls = Object.fromEntries(
    NAMES.map((name) => [name, `http://${host}:${ports[name]}`]),
  ) as Record<ServiceName, string>;
  const staffToken = options.staffToken ?? randomUUID();
  const serviceOptions = (name: ServiceName): CoffeeShopServiceOptions => ({
    ...options,
    tokens,
    staffToken,
    store: options.stores?.[name],
    publicUrl: urls[name],
    peers: Object.fromEntries(
      NAMES.filter((other) => other !== name).map((other) => [other, `${urls[other]}/`]),
    ),
  });
  const services = {
    orders: createOrders(serviceOptions('orders')),
    payments: createPayments(serviceOptions('payments')),
    kitchen: createKitchen(serviceOptions('kitchen')),
  };
  for (const name of NAMES) handlers[name] = services[name].app;

  const stop = async (name: ServiceName) => {
    if (!servers[name].listening) return;
    await new Promise<void>((resolve) => {
      servers[name].close(() => resolve());
      servers[name].closeAllConnections();
    });
  };
  return {
    urls,
    staffToken,
    services,
    requests,
    stop,
    async resume(name) {
      if (!servers[name].listening) await listen(servers[name], ports[name], host);
    },
    async close() {
      await Promise.all(NAMES.map((name) => services[name].app.close()));
      await Promise.all(NAMES.map(stop));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
