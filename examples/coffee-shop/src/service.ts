import {
  bearerAuthentication,
  createPeers,
  createService,
  type AnyResource,
  type Logger,
  type Peers,
  type Service,
} from '@halway/server';
import {
  knownCallers,
  peerConfigs,
  serviceExplorer,
  type CoffeeShopServiceOptions,
  type ServiceName,
} from './config.js';
import { serviceLogger } from './logging.js';
import { COFFEE_SHOP_RELATIONS } from './relations.js';

/** What every service of the shop is made of besides its resources. */
export interface ServiceBasics {
  /** Its logger. */
  log: Logger;
  /** Its peers: the other two services, called with this service's token. */
  peers: Peers;
  /** Puts the service together from its resources. */
  app(resources: readonly AnyResource[]): Service;
}

const TITLES: Record<ServiceName, string> = {
  orders: 'Coffee shop: orders',
  payments: 'Coffee shop: payments',
  kitchen: 'Coffee shop: kitchen',
};

/**
 * The parts every service of the shop shares: a logger, its peers (known by their entry URLs
 * only), and the app itself (whose outbox tells the other services what happened), which recognises the peers by their tokens and serves
 * the explorer.
 */
export function serviceBasics(options: CoffeeShopServiceOptions, name: ServiceName): ServiceBasics {
  const log = serviceLogger(options, name);
  const peers = createPeers(
    { peers: peerConfigs(options, name), timeout: options.peerTimeout },
    log,
  );
  const app = (resources: readonly AnyResource[]) =>
    createService({
      name,
      resources,
      peers,
      store: options.store,
      outbox: options.outbox,
      publicUrl: options.publicUrl,
      relations: COFFEE_SHOP_RELATIONS,
      cors: options.corsOrigins?.length ? { origins: options.corsOrigins } : undefined,
      logger: log,
      explorer: serviceExplorer(options, TITLES[name]),
      authentication: bearerAuthentication(knownCallers(options, name), name),
    });
  return { log, peers, app };
}
