// Runs a service on a loopback origin and records every request it receives (method, URL and
// headers) before the service sees it: the tests' window on what the browser really sent. Bodies
// are left to the service (reading them here would take them from its parser).
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import { serve } from '@halway/server';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface RecordedService {
  /** The service's origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every request received, oldest first. */
  log: RecordedRequest[];
  /** Sets the app that answers (services are created once their peers' URLs are known). */
  use(app: RequestListener): void;
  close(): Promise<void>;
}

/** Starts listening at once; requests are answered by the app given to `use`. */
export async function startRecorded(host: '127.0.0.1' | 'localhost'): Promise<RecordedService> {
  const log: RecordedRequest[] = [];
  let app: RequestListener | undefined;
  const running = await serve(
    (request, response) => {
      const entry: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: { ...request.headers },
      };
      log.push(entry);
      if (!app) {
        response.statusCode = 503;
        response.end();
        return;
      }
      app(request, response);
    },
    { host, signals: false },
  );
  return {
    url: running.url,
    log,
    use: (listener) => (app = listener),
    close: () => running.close(),
  };
}
