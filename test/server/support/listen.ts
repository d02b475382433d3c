// Real listening services for cross-service tests: port 0 (or a port given), loopback only,
// each with a log of the requests it received.
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';

export interface LoggedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Listening {
  url: string;
  port: number;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free one) and logs every request. */
export async function listen(
  app: RequestListener,
  port = 0,
  host = '127.0.0.1',
): Promise<Listening> {
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: { ...request.headers },
    });
    app(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback port that is free now (nothing listens on it until a test starts something there). */
export async function freePort(): Promise<number> {
  const probe = await listen(() => undefined);
  await probe.close();
  return probe.port;
}
