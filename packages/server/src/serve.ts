import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
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
}

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
  const server = createServer(app);
  let closing: Promise<void> | undefined;
  server.on('request', (_request, response) => {
    // Once shutdown begins, every response closes its connection so keep-alive clients move on.
    if (closing && !response.headersSent) response.setHeader('Connection', 'close');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host =
    options.host === undefined || options.host === '0.0.0.0' || options.host === '::'
      ? 'localhost'
      : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

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
