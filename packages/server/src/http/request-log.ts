import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { silentLogger, type Logger } from '../logger.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id (the caller's `X-Request-Id` when it is sane, else a new UUID),
 * echoes it in the response, and logs one entry per request when the response is done:
 * method, URL, status, milliseconds and request id. Every response also gets
 * `X-Content-Type-Options: nosniff`: bodies are data, never something a browser should sniff.
 */
export function requestLog(log: Logger): RequestHandler {
  const quiet = log === silentLogger;
  return (request, response, next) => {
    const incoming = request.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (!quiet) {
      const started = performance.now();
      response.once('finish', () => {
        log.info('request', {
          requestId,
          method: request.method,
          url: request.originalUrl,
          status: response.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
        });
      });
    }
    next();
  };
}
