import cors from 'cors';
import type { RequestHandler } from 'express';

/** Who may call the service from a browser on another origin. CORS is off unless given. */
export interface CorsOptions {
  /** Origins allowed, exactly as browsers send them (`https://app.example.com`). */
  origins: readonly string[];
  /** Whether browsers may send cookies and HTTP authentication (default false). */
  credentials?: boolean;
}

/** The response headers a browser client of a hypermedia service needs to read. */
export const EXPOSED_HEADERS = [
  'Location',
  'Content-Location',
  'Link',
  'ETag',
  'Allow',
  'Preference-Applied',
  'Idempotent-Replayed',
  'Retry-After',
  'X-Request-Id',
];

/** The request headers such a client sends. */
export const ALLOWED_HEADERS = [
  'Accept',
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Idempotency-Key',
  'Prefer',
  'X-Request-Id',
];

/**
 * CORS for an explicit allowlist of origins, exposing `Location`, `Link`, `ETag` and the
 * other headers hypermedia clients read. Origins not on the list get no CORS headers at all.
 */
export function corsMiddleware(options: CorsOptions): RequestHandler {
  for (const origin of options.origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new TypeError(
        `createService(): CORS origin ${JSON.stringify(origin)} must be an origin such as "https://app.example.com"`,
      );
    }
  }
  const allowed = new Set(options.origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: options.credentials ?? false,
    exposedHeaders: EXPOSED_HEADERS,
    allowedHeaders: ALLOWED_HEADERS,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
}
