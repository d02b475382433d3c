import { createJsonLogger, silentLogger, type Logger } from '@halway/server';
import type { CoffeeShopServiceOptions, ServiceName } from './config.js';

/** The logger of a service: the one given, silence for `false`, else JSON lines (silent in tests). */
export function serviceLogger(options: CoffeeShopServiceOptions, name: ServiceName): Logger {
  if (options.logger === false) return silentLogger;
  if (options.logger) return options.logger;
  return process.env.NODE_ENV === 'test' ? silentLogger : createJsonLogger({ service: name });
}
