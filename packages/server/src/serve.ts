import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { answerClientError } from './http/client-error.js';
import { defaultLogger, type Logger } from './logger.js';
import type { Service } from './service.js';

/** How to run a service. */
export interface ServeOptions {
  /** The port (0 for any free one; default 0). */
  port?: number;
  /** The interface to listen on (default: every interface). */
  host?: string;
  /** Signals that shut the service down gracefully (default SIGTERM and SIGINT); `false` for none. */
  signals?: readonly NodeJS.Signals[] | false;
  /** How long requests in flight may take to finish once shutdown begins, in ms (default 10000). */
  shutdownTimeout?: number;
  /** Where to log start and shutdown. */
  logger?: Logger;
  /**
   * How long a client may take to send a whole request, headers and body, in ms (default 30000;
   * Node's own is 300000). A slower one is answered 408 and its connection closed.
   */
  requestTimeout?: number;
  /** How long a client may take to send a request's headers, in ms (default 10000). */
  headersTimeout?: number;
  /** How long an idle keep-alive connection stays open, in ms (default 5000). */
  keepAliveTimeout?: number;
  /** How many connections may be open at once (default 1000); past it, new ones are closed at once. */
  maxConnections?: number;
  /**
   * How many header fields a request may have (default 100). A request with more is refused
   * with 431, never run with the extra fields dropped.
   */
  maxHeaders?: number;
}

/** The bounds `serve` puts on a server. */
export type ServeLimits = Required<
  Pick<
    ServeOptions,
    'requestTimeout' | 'headersTimeout' | 'keepAliveTimeout' | 'maxConnections' | 'maxHeaders'
  >
>;

/** The limits `serve` sets unless told otherwise. */
export const SERVE_DEFAULTS: Readonly<ServeLimits> = {
  requestTimeout: 30_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000,
  maxConnections: 1000,
  maxHeaders: 100,
};

/** A service that is listening. */
export interface RunningService {
  /** Its base URL, e.g. `http://localhost:4001`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The Node HTTP server. */
  server: Server;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

/**
 * Runs an app (a service from `createService`, or any request listener) until told to stop.
 * Shutdown, on a signal or `close()`, stops accepting connections, closes idle keep-alive
 * connections, lets requests in flight finish (up to `shutdownTimeout`), closes the service
 * (its outbox and store) and then resolves.
 *
 * @example const { url } = await serve(app, { port: 4001 });
 */
export async function serve(
  app: RequestListener,
  options: ServeOptions = {},
): Promise<RunningService> {
  const log = options.logger ?? defaultLogger();
  const limits = { ...SERVE_DEFAULTS, ...definedOf(options) };
  // Node looks for timed-out requests every 30 s by default, which would let a 10 s bound run
  // to 40 s: look often enough for the bounds to hold.
  const checkEvery = Math.max(
    50,
    Math.min(1000, limits.headersTimeout / 4, limits.requestTimeout / 4),
  );
  const server = createServer({ connectionsCheckingInterval: checkEvery }, app);
  // headersTimeout must not exceed requestTimeout, or Node throws.
  server.requestTimeout = limits.requestTimeout;
  server.headersTimeout = Math.min(limits.headersTimeout, limits.requestTimeout);
  server.keepAliveTimeout = limits.keepAliveTimeout;
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeaders + 1;
  server.on('clientError', answerClientError);
  let closing: Promise<void> | undefined;
  server.on('request', (_request, response) => {
    // Once shutdown begins, every response closes its connection so keep-alive clients move on.
    if (closing && !response.headersSent) response.setHeader('Connection', 'close');
  });

  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => reject(listenError(error, options));
    server.once('error', refuse);
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host =
    options.host === undefined || options.host === '0.0.0.0' || options.host === '::'
      ? 'localhost'
      : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  // Memory is right for tests and demos, and wrong for a service people rely on: say so.
  if ((app as Partial<Pick<Service, 'store'>>).store?.engine === 'memory')
    log.warn(
      'keeping data in memory: everything is lost when the process ends; give createService a store (createSqliteStore, createPostgresStore)',
      { url },
    );

  const signals = options.signals === false ? [] : (options.signals ?? ['SIGTERM', 'SIGINT']);
  const onSignal = (signal: NodeJS.Signals) => {
    log.info('shutting down', { signal, url });
    void close();
  };
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const signal of signals) process.off(signal, onSignal);
      const force = setTimeout(
        () => server.closeAllConnections(),
        options.shutdownTimeout ?? 10_000,
      );
      force.unref();
      server.close(() => {
        clearTimeout(force);
        // A service's outbox stops and its store closes once no request needs them.
        const service = app as Partial<Pick<Service, 'close'>>;
        const closeService = typeof service.close === 'function' ? service.close() : undefined;
        void Promise.resolve(closeService)
          .catch((error: unknown) =>
            log.error('service did not close cleanly', {
              error: error instanceof Error ? error.message : String(error),
            }),
          )
          .then(resolve);
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  for (const signal of signals) process.on(signal, onSignal);
  log.info('listening', { url });
  return { url, port, server, close };
}

function definedOf(options: ServeOptions): Partial<ServeLimits> {
  const limits: Partial<ServeLimits> = {};
  for (const name of Object.keys(SERVE_DEFAULTS) as (keyof ServeLimits)[]) {
    const value = options[name];
    if (value === undefined) continue;
    // No 0 for "off": Node reads 0 as no bound at all, which is what these options are against.
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`serve(): ${name} must be a whole number above 0`);
    limits[name] = value;
  }
  return limits;
}

// A busy port is a mistake people make every day: say which port, and how to pick another.
function listenError(error: NodeJS.ErrnoException, options: ServeOptions): Error {
  if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') return error;
  const where = `port ${options.port ?? 0}${options.host === undefined ? '' : ` on ${options.host}`}`;
  const why =
    error.code === 'EADDRINUSE'
      ? `${where} is already in use`
      : `${where} needs privileges this process lacks`;
  return Object.assign(
    new Error(`serve(): ${why}; stop what uses it, or pass another port (0 picks a free one)`, {
      cause: error,
    }),
    { code: error.code },
  );
}
