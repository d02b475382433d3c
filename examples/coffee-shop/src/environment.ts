import { randomUUID } from 'node:crypto';
import type { ServiceName } from './config.js';

/** Where the services listen and how they recognise each other. */
export interface CoffeeShopEnvironment {
  ports: Record<ServiceName, number>;
  tokens: Record<ServiceName, string>;
  urls: Record<ServiceName, string>;
}

const PORT_VARIABLES: Record<ServiceName, [string, number]> = {
  orders: ['ORDERS_PORT', 4001],
  payments: ['PAYMENTS_PORT', 4002],
  kitchen: ['KITCHEN_PORT', 4003],
};

/**
 * Reads ports (`ORDERS_PORT`, `PAYMENTS_PORT`, `KITCHEN_PORT`; 4001 to 4003 by default) and
 * tokens (`COFFEE_SHOP_TOKENS`, JSON; new random ones when absent) from the environment.
 */
export function readEnvironment(env: NodeJS.ProcessEnv): CoffeeShopEnvironment {
  const ports = {} as Record<ServiceName, number>;
  for (const [name, [variable, fallback]] of Object.entries(PORT_VARIABLES) as [
    ServiceName,
    [string, number],
  ][]) {
    const value =
      env[variable] === undefined || env[variable] === '' ? fallback : Number(env[variable]);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      throw new TypeError(
        `${variable} must be a port number, got ${JSON.stringify(env[variable])}`,
      );
    ports[name] = value;
  }
  const tokens = env.COFFEE_SHOP_TOKENS
    ? (JSON.parse(env.COFFEE_SHOP_TOKENS) as Record<ServiceName, string>)
    : { orders: randomUUID(), payments: randomUUID(), kitchen: randomUUID() };
  const urls = Object.fromEntries(
    Object.entries(ports).map(([name, port]) => [name, `http://localhost:${port}`]),
  ) as Record<ServiceName, string>;
  return { ports, tokens, urls };
}
