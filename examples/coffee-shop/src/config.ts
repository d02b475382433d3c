import { explorer } from '@halway/explorer';
import type { Caller, Logger, OutboxOptions, Store } from '@halway/server';
import type { RequestHandler } from 'express';

/** The three services. */
export type ServiceName = 'orders' | 'payments' | 'kitchen';

/** What each service of the coffee shop is started with. */
export interface CoffeeShopServiceOptions {
  /** The entry URLs of the other services: the only thing a service knows of them. */
  peers: Partial<Record<ServiceName, string>>;
  /**
   * Every service's secret token. A service calls its peers with its own (sent to their origins
   * only) and recognises the peers by theirs.
   */
  tokens: Record<ServiceName, string>;
  /**
   * The bearer token of the shop's staff (the barista, the manager): the only callers who may list
   * every order, see the kitchen's queue, and start and finish tickets.
   */
  staffToken: string;
  /** Where the service keeps its data (default: memory, lost when the process ends). */
  store?: Store;
  /** The origin the service is reached at, for the absolute URLs it gives its peers. */
  publicUrl?: string;
  /** Where to log (default: JSON lines, silent in tests). */
  logger?: Logger | false;
  /** Whether browsers get the explorer (default true). */
  explorer?: boolean;
  /** Outbox tuning (tests make it fast). */
  outbox?: Pick<OutboxOptions, 'interval' | 'minDelay' | 'maxDelay' | 'attemptTimeout'>;
  /** How long reading a peer's home document may take (ms). */
  peerTimeout?: number;
  /** Browser origins allowed to call the service from elsewhere (a hosted HAL Explorer, say); none by default. */
  corsOrigins?: readonly string[];
}

/** The callers a service recognises: every peer by its token, and the staff by theirs. */
export function knownCallers(
  options: Pick<CoffeeShopServiceOptions, 'tokens' | 'staffToken'>,
  self: ServiceName,
): Record<string, { id: string; roles: string[] }> {
  const callers: Record<string, { id: string; roles: string[] }> = {
    [options.staffToken]: { id: 'staff', roles: ['staff'] },
  };
  for (const [name, token] of Object.entries(options.tokens) as [ServiceName, string][]) {
    if (name !== self) callers[token] = { id: name, roles: ['service'] };
  }
  return callers;
}

/** The peers of a service as `createPeers` wants them: entry URL plus this service's token. */
export function peerConfigs(
  options: CoffeeShopServiceOptions,
  self: ServiceName,
): Record<string, { url: string; token: string }> {
  const peers: Record<string, { url: string; token: string }> = {};
  for (const [name, url] of Object.entries(options.peers)) {
    if (url !== undefined) peers[name] = { url, token: options.tokens[self] };
  }
  return peers;
}

/**
 * The explorer of a service: following a link into one of its peers opens that peer's own
 * explorer, carrying the trail. Undefined when switched off.
 */
export function serviceExplorer(
  options: CoffeeShopServiceOptions,
  title: string,
): RequestHandler | undefined {
  if (options.explorer === false) return undefined;
  return explorer({
    title,
    peers: Object.values(options.peers).filter((url): url is string => url !== undefined),
  });
}

/** An allow() for actions only the named peer service may take. */
export function onlyService(name: ServiceName) {
  return (caller: { id: string } | undefined): boolean => caller?.id === name;
}

/** An allow() for what only the staff may see or do. */
export function onlyStaff(caller: Caller | undefined): boolean {
  return caller?.roles?.includes('staff') === true;
}
