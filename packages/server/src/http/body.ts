import express, { type Request, type RequestHandler, type Response } from 'express';
import typeis from 'type-is';
import type { IncomingRequest, OutgoingResponse } from './incoming.js';
import { HttpProblem } from '../errors.js';
import { checkJsonDepth } from './json-depth.js';

/** Prefix of the message of a body refused for a key that could pollute prototypes. */
export const FORBIDDEN_KEY = 'Forbidden key in JSON body';

/** Body media types a submission may use. */
export const BODY_MEDIA_TYPES = [
  'application/json',
  'application/*+json',
  'application/x-www-form-urlencoded',
];

/** Parses the body of a submission, once an action is known to need it. */
export type BodyParser = (request: IncomingRequest, response: OutgoingResponse) => Promise<void>;

/**
 * Creates the body parser of a service: JSON (keys that could pollute prototypes refused, and
 * nesting bounded by `MAX_JSON_DEPTH`) and urlencoded (flat: no nested objects), both with a size
 * limit. A compressed body that does not decompress is a 400, as is any body it cannot read.
 */
export function createBodyParser(limit: string | number): BodyParser {
  const json = express.json({
    limit,
    type: ['application/json', 'application/*+json'],
    reviver: refusePollutingKeys,
    verify: (_request, _response, body) => checkJsonDepth(body),
  });
  const form = express.urlencoded({ limit, extended: false });
  return async (request, response) => {
    if (!hasBody(request)) return;
    if (!typeis(request, BODY_MEDIA_TYPES)) {
      throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', {
        detail: `Send the body as application/json or application/x-www-form-urlencoded, not ${request.headers['content-type'] ?? 'without a Content-Type'}`,
        headers: {
          'Accept-Post': 'application/json, application/x-www-form-urlencoded',
          'Accept-Patch': 'application/json, application/x-www-form-urlencoded',
        },
      });
    }
    try {
      await run(json, request, response);
      await run(form, request, response);
    } catch (error) {
      throw undecodable(request, error);
    }
  };
}

/** Whether a request has a body (RFC 9112: a Content-Length above zero or a Transfer-Encoding). */
export function hasBody(request: IncomingRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

// The same two shapes secure-json-parse refuses: `__proto__`, and `constructor.prototype`.
function refusePollutingKeys(key: string, value: unknown): unknown {
  const pollutesConstructor =
    key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value;
  if (key === '__proto__' || pollutesConstructor)
    throw new SyntaxError(`${FORBIDDEN_KEY}: "${key}"`);
  return value;
}

// A body that does not decompress (a "gzip" body that is not gzip) is a zlib error with an errno:
// say which encoding failed, rather than zlib's "incorrect header check".
function undecodable(request: IncomingRequest, error: unknown): unknown {
  const encoding = request.headers['content-encoding'];
  const fromZlib = typeof (error as { errno?: unknown }).errno === 'number';
  if (encoding === undefined || !fromZlib) return error;
  return new HttpProblem('MALFORMED_BODY', {
    detail: `The body does not decode as its Content-Encoding (${encoding}) says`,
    cause: error,
  });
}

// body-parser reads Node's request and response only, whatever its types say.
function run(
  middleware: RequestHandler,
  request: IncomingRequest,
  response: OutgoingResponse,
): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(request as Request, response as Response, (error?: unknown) => {
      if (error === undefined || error === null) resolve();
      else
        reject(
          error instanceof Error
            ? error
            : new Error('The request body could not be parsed', { cause: error }),
        );
    });
  });
}
