import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from './config.js';

/** Where the services listen, how they recognise each other, and where they keep their data. */
export interface CoffeeShopEnvironment {
  ports: Record<ServiceName, number>;
  tokens: Record<ServiceName, string>;
  urls: Record<ServiceName, string>;
  /** The staff's bearer token. */
  staffToken: string;
  /** Whether the staff token was made up now (and should be printed). */
  staffTokenGenerated: boolean;
  /** The folder of the services' SQLite files. */
  data: string;
  /** A service's PostgreSQL URL, for those given one. */
  databaseUrls: Partial<Record<ServiceName, string>>;
  /** Processes per service. */
  workers: number;
  /** Browser origins allowed to call every service (`CORS_ORIGINS`, comma-separated). */
  corsOrigins: string[];
}

const NAMES: readonly ServiceName[] = ['orders', 'payments', 'kitchen'];
const PORT_VARIABLES: Record<ServiceName, [string, number]> = {
  orders: ['ORDERS_PORT', 4001],
  payments: ['PAYMENTS_PORT', 4002],
  kitchen: ['KITCHEN_PORT', 4003],
};
const DEFAULT_DATA = fileURLToPath(new URL('../.data', import.meta.url));

/**
 * Reads the shop's settings from the environment: ports (`ORDERS_PORT`, `PAYMENTS_PORT`,
 * `KITCHEN_PORT`; 4001 to 4003), the services' tokens (`COFFEE_SHOP_TOKENS`, JSON), the staff
 * token (`COFFEE_SHOP_STAFF_TOKEN`), data (`COFFEE_SHOP_DATA`, default the example's `.data`
 * folder; or `ORDERS_DATABASE_URL`, `PAYMENTS_DATABASE_URL`, `KITCHEN_DATABASE_URL` for
 * PostgreSQL), `COFFEE_SHOP_WORKERS` (processes per service, default 1) and `CORS_ORIGINS`,
 * the browser origins (comma-separated) allowed to call the services, so that a hosted HAL
 * Explorer can be pointed at them. Tokens left out are made up.
 */
export function readEnvironment(env: NodeJS.ProcessEnv): CoffeeShopEnvironment {
  const ports = {} as Record<ServiceName, number>;
  for (const name of NAMES) {
    const [variable, fallback] = PORT_VARIABLES[name];
    ports[name] = wholeNumber(env, variable, fallback, 1, 65535);
  }
  const tokens = env.COFFEE_SHOP_TOKENS
    ? (JSON.parse(env.COFFEE_SHOP_TOKENS) as Record<ServiceName, string>)
    : { orders: randomUUID(), payments: randomUUID(), kitchen: randomUUID() };
  const urls = Object.fromEntries(
    NAMES.map((name) => [name, `http://localhost:${ports[name]}`]),
  ) as Record<ServiceName, string>;
  const databaseUrls: Partial<Record<ServiceName, string>> = {};
  for (const name of NAMES) {
    const variable = `${name.toUpperCase()}_DATABASE_URL`;
    const url = env[variable];
    if (url === undefined || url === '') continue;
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new TypeError(`${variable} must be a postgres:// URL, got ${JSON.stringify(url)}`);
    databaseUrls[name] = url;
  }
  return {
    ports,
    tokens,
    urls,
    staffToken: env.COFFEE_SHOP_STAFF_TOKEN || randomUUID(),
    staffTokenGenerated: !env.COFFEE_SHOP_STAFF_TOKEN,
    data: env.COFFEE_SHOP_DATA || DEFAULT_DATA,
    databaseUrls,
    workers: wholeNumber(env, 'COFFEE_SHOP_WORKERS', 1, 1, 32),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  };
}

function wholeNumber(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[variable];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new TypeError(
      `${variable} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  return value;
}
