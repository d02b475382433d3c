import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpProblem } from '../errors.js';
import { sendProblem } from './problems.js';

// Node's own bound when the server sets none (server.maxHeadersCount null).
const NODE_DEFAULT_MAX_HEADERS = 1000;

/**
 * Refuses, with 431, a request that has as many header fields as the server keeps. Node drops
 * the fields past `server.maxHeadersCount` without a word, `Content-Length` among them, so such a
 * request could run with its body silently ignored; with every field counted, it cannot.
 */
export function headerCountLimit(): RequestHandler {
  return (request, response, next) => {
    const server = (request.socket as { server?: Pick<Server, 'maxHeadersCount'> }).server;
    const limit = server?.maxHeadersCount ?? NODE_DEFAULT_MAX_HEADERS;
    const count = request.rawHeaders.length / 2;
    if (limit > 0 && count >= limit) {
      sendProblem(
        request,
        response,
        new HttpProblem('HEADERS_TOO_LARGE', {
          detail: `The request has ${count} header fields or more; at most ${limit - 1} are read`,
        }),
      );
      return;
    }
    next();
  };
}
