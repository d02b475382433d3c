import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, RequestHandler, Response } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import type { IncomingRequest, OutgoingResponse, ToExpress } from '../http/incoming.js';
import { HttpProblem } from '../errors.js';
import type { BodyParser } from '../http/body.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { runAction } from './act.js';
import { declaredMethods, type Endpoint } from './endpoints.js';
import { answerOptions } from './options.js';
import { readResource } from './read.js';

/** Halway's own routes, served directly and as Express middleware. */
export interface HalwayRoutes {
  /**
   * Serves a request to one of Halway's routes on Node's request and response as they are,
   * unless `wantsExpress` says Express-level middleware has something to do with it; false,
   * having done nothing, when it does not serve it.
   */
  direct(request: IncomingMessage, response: ServerResponse): boolean;
  /** The same routes in Express's router, for the requests `direct` leaves to it. */
  middleware: RequestHandler;
}

/** What Halway's own routes need besides the endpoints. */
export interface RouteSettings {
  /** The middleware that reads Node's request and response only (request log, header limit). */
  nodeMiddleware: readonly RequestHandler[];
  /** Whether Express-level middleware (CORS, explorer, profile, relation pages) may want a request to `path`. */
  wantsExpress: (request: IncomingMessage, path: string) => boolean;
  /** Parses action bodies. */
  parseBody: BodyParser;
  /** Turns whatever a request throws into its problem response. */
  onError: (error: unknown, request: IncomingRequest, response: OutgoingResponse) => void;
}

interface CompiledRoute {
  endpoint: Endpoint;
  match: MatchFunction<Record<string, string>>;
}

/**
 * Halway's own routes. Express matches a request against each layer of its stack in turn and
 * makes it Express's by changing the prototypes of Node's request and response, which slows
 * every later step of Node's HTTP code several times over. A service's routes are known at
 * start-up: `direct` finds the endpoint in one table, runs the Node-level middleware as a plain
 * list and answers, on Node's objects as they come (`context.request` still is Express's, made
 * on demand). Requests some Express-level middleware may want take Express's router, where
 * `middleware` serves the same routes.
 *
 * Paths are case-sensitive; a trailing slash is allowed and path parameters are
 * percent-decoded, as in Express's router.
 */
export function halwayRoutes(
  runtime: ServiceRuntime,
  endpoints: readonly Endpoint[],
  settings: RouteSettings,
): HalwayRoutes {
  // Matched as Express's router matches them (path-to-regexp, a trailing slash allowed), but
  // case-sensitive, and decoded after the service's middleware ran, so that a bad escape is a
  // logged 400 like any other.
  const routes = endpoints.map((endpoint) => ({
    endpoint,
    match: match<Record<string, string>>(endpoint.route.route, { sensitive: true, decode: false }),
  }));
  const { nodeMiddleware, wantsExpress, parseBody, onError } = settings;
  const serve = (found: Found, request: IncomingRequest, response: OutgoingResponse) => {
    const fail = (error: unknown) => onError(error, request, response);
    const params = decodedParams(found.encoded);
    if (params instanceof HttpProblem) return fail(params);
    request.params = params;
    dispatch(runtime, found.endpoint, parseBody, request, response).catch(fail);
  };
  return {
    direct(incoming, response) {
      const { url } = incoming;
      // An absolute-form target (`GET http://host/path`) is rare: Express's router deals with it.
      if (url === undefined || url.charCodeAt(0) !== 47 /* / */) return false;
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      const found = matchRoute(routes, path);
      if (found === undefined || wantsExpress(incoming, path)) return false;
      const request = incoming as IncomingRequest;
      // Mounted in another Express app, the request is Express's already, with its own paths.
      if (!isExpressRequest(request)) {
        request.baseUrl = '';
        request.path = path;
        request.originalUrl = url;
        // As Express links them: its request's methods (`fresh`, say) read the response.
        (request as { res?: ServerResponse }).res = response;
      }
      runMiddleware(nodeMiddleware, request, response, (error) => {
        if (error === undefined) serve(found, request, response);
        else onError(error, request, response);
      });
      return true;
    },
    middleware(request, response, next) {
      const found = matchRoute(routes, request.path);
      if (found === undefined) return next();
      serve(found, request as IncomingRequest, response);
    },
  };
}

/** Makes requests of `app` Express's on demand (what `app.handle` does to every request). */
export function expressRequestsOf(app: Express): ToExpress {
  return (request) => {
    if (!isExpressRequest(request)) Object.setPrototypeOf(request, app.request);
    return request as Request;
  };
}

function isExpressRequest(request: IncomingRequest): boolean {
  return typeof (request as Partial<Request>).accepts === 'function';
}

async function dispatch(
  runtime: ServiceRuntime,
  endpoint: Endpoint,
  parseBody: BodyParser,
  request: IncomingRequest,
  response: OutgoingResponse,
): Promise<void> {
  const { method } = request;
  if ((method === 'GET' || method === 'HEAD') && endpoint.readable)
    return readResource(runtime, endpoint.owner, request, response);
  if (method === 'OPTIONS') return answerOptions(runtime, endpoint, request, response);
  const action = endpoint.actions.get(method === 'HEAD' ? 'GET' : method);
  if (action) return runAction(runtime, endpoint.owner, action, request, response, parseBody);
  const allow = declaredMethods(endpoint);
  throw new HttpProblem('METHOD_NOT_ALLOWED', {
    detail: `${request.baseUrl}${request.path} does not support ${method}; it supports ${allow.join(', ')}`,
    headers: { Allow: allow.join(', ') },
  });
}

interface Found {
  endpoint: Endpoint;
  encoded: Record<string, string>;
}

function matchRoute(routes: readonly CompiledRoute[], path: string): Found | undefined {
  // Routes are sorted most specific first, so the first match is the one Express would take.
  for (const route of routes) {
    const matched = route.match(path);
    if (matched !== false) return { endpoint: route.endpoint, encoded: matched.params };
  }
  return undefined;
}

function decodedParams(encoded: Record<string, string>): Record<string, string> | HttpProblem {
  const params: Record<string, string> = {};
  for (const name in encoded) {
    const value = encoded[name]!;
    try {
      params[name] = value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return new HttpProblem('BAD_REQUEST', {
        detail: `The path segment ${JSON.stringify(value)} is not valid percent-encoding`,
      });
    }
  }
  return params;
}

// Middleware one after the other: what Express's router does for it, without matching each
// against the path (it is all mounted on every path).
function runMiddleware(
  middleware: readonly RequestHandler[],
  request: IncomingRequest,
  response: OutgoingResponse,
  done: (error?: unknown) => void,
): void {
  let index = 0;
  const next = (error?: unknown): void => {
    // As in Express: 'route' skips to the next handler, 'router' leaves the list.
    if (error === 'router') return done();
    if (error !== undefined && error !== null && error !== 'route') return done(error);
    const handler = middleware[index++];
    if (handler === undefined) return done();
    try {
      // Node-level middleware, whatever Express's types say.
      const result = handler(request as Request, response as Response, next);
      if (result instanceof Promise) result.catch(done);
    } catch (thrown) {
      done(thrown);
    }
  };
  next();
}
