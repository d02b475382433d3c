import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';

/** One request as a test service saw it. */
export interface LoggedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A real HTTP service listening on a loopback address, with a log of every request. */
export interface TestService {
  app: Express;
  /** e.g. http://127.0.0.2:40123 */
  origin: string;
  /** Every request received, in order. */
  log: LoggedRequest[];
  /** Absolute URL of a path on this service. */
  url(path: string): string;
  /** Requests matching a method and path (query ignored unless given). */
  requests(method: string, path: string): LoggedRequest[];
  close(): Promise<void>;
}

/**
 * Starts an express service on port 0 of `host` (127.0.0.1, 127.0.0.2, localhost: distinct
 * origins). Routes are added after it listens, so services can link to each other's origins.
 */
export async function startService(host: string): Promise<TestService> {
  const app = express();
  const log: LoggedRequest[] = [];
  app.use(express.json({ type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false }));
  app.use((req, _res, next) => {
    log.push({
      method: req.method,
      url: req.originalUrl,
      headers: { ...req.headers },
      body: req.body,
    });
    next();
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, host, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    app,
    origin,
    log,
    url: (path) => new URL(path, origin).href,
    requests: (method, path) =>
      log.filter(
        (entry) =>
          entry.method === method &&
          (path.includes('?') ? entry.url === path : entry.url.split('?')[0] === path),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the three services every cross-origin test uses. */
export async function startServices(): Promise<[TestService, TestService, TestService]> {
  return Promise.all([
    startService('127.0.0.1'),
    startService('127.0.0.2'),
    startService('localhost'),
  ]);
}

/** Options of {@link sendHal}. */
export interface SendHalOptions {
  status?: number;
  cacheControl?: string;
  headers?: Record<string, string>;
  /** Whether to send an ETag and answer If-None-Match with 304 (default true). */
  etag?: boolean;
}

/** A strong ETag for a document. */
export function etagOf(document: unknown): string {
  return `"${createHash('sha1').update(JSON.stringify(document)).digest('hex').slice(0, 16)}"`;
}

/**
 * Sends a HAL-FORMS document with an ETag, answering a matching If-None-Match with 304, as the
 * protocol's servers do.
 */
export function sendHal(
  req: Request,
  res: Response,
  document: unknown,
  options: SendHalOptions = {},
): void {
  const status = options.status ?? 200;
  if (options.cacheControl) res.set('cache-control', options.cacheControl);
  for (const [name, value] of Object.entries(options.headers ?? {})) res.set(name, value);
  if (options.etag !== false) {
    const etag = etagOf(document);
    res.set('etag', etag);
    if (status === 200 && req.method === 'GET' && req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
  }
  res.status(status).type('application/prs.hal-forms+json').send(JSON.stringify(document));
}

/** Sends an RFC 9457 problem document. */
export function sendProblem(
  res: Response,
  status: number,
  problem: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  res.set(headers);
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ status, ...problem }));
}
