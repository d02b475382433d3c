import type { IncomingMessage } from 'node:http';
import type { Express, Request, RequestHandler, Response } from 'express';
import { PROFILE_PATH, profileHandler } from '../alps/publish.js';
import { createBodyParser } from '../http/body.js';
import { corsMiddleware } from '../http/cors.js';
import { headerCountLimit } from '../http/header-count.js';
import { problemAnswerer, sendNotFound } from '../http/problems.js';
import { requestLog } from '../http/request-log.js';
import { isRelationPage, relationDocs } from '../links/relations.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import type { ServiceOptions } from '../service.js';
import type { Endpoint } from './endpoints.js';
import { halwayRoutes, type HalwayRoutes } from './router.js';

type Handle = (request: Request, response: Response, callback?: (error?: unknown) => void) => void;

// Where @halway/explorer serves its scripts and styles.
const EXPLORER_ASSETS = '/_explorer/';

/**
 * Puts a service's request path on its Express app. Halway's middleware runs in this order:
 * request log and header limit (they read Node's request and response only), then CORS, the
 * explorer, the ALPS profile and the relation pages (Express-level). Halway's routes are served
 * directly, before Express's router (see `halwayRoutes`), unless Express-level middleware may
 * want the request; Express's stack holds all of it, for those requests and for what the user
 * mounts on the app (after all of this, so for the paths Halway does not serve). Whatever nothing
 * answers gets a 404 problem, here or when the app is mounted in another; whatever fails, its
 * problem.
 */
export function mountService(
  app: Express,
  runtime: ServiceRuntime,
  endpoints: readonly Endpoint[],
  options: ServiceOptions,
): void {
  const nodeMiddleware: RequestHandler[] = [requestLog(runtime.log), headerCountLimit()];
  const expressMiddleware: RequestHandler[] = [];
  if (options.cors) expressMiddleware.push(corsMiddleware(options.cors));
  if (options.explorer) expressMiddleware.push(options.explorer);
  expressMiddleware.push(profileHandler([...runtime.resources.values()], options.name));
  if (options.relations) expressMiddleware.push(relationDocs(options.relations));
  const answerProblem = problemAnswerer(runtime.log);
  const routes = halwayRoutes(runtime, endpoints, {
    nodeMiddleware,
    wantsExpress: wantedByExpressMiddleware(options),
    parseBody: createBodyParser(options.bodyLimit ?? '100kb'),
    onError: answerProblem,
  });
  for (const handler of [...nodeMiddleware, ...expressMiddleware, routes.middleware])
    app.use(handler);
  routeDirectlyFirst(app, routes, answerProblem);
}

/**
 * Whether Express-level middleware may act on a request: a cross-origin one when CORS is on, a
 * browser's (or one for the explorer's assets) when the explorer is, the ALPS profile and the
 * relation pages.
 */
function wantedByExpressMiddleware(
  options: ServiceOptions,
): (request: IncomingMessage, path: string) => boolean {
  const { relations } = options;
  return (request, path) =>
    path === PROFILE_PATH ||
    (relations !== undefined && isRelationPage(relations, path)) ||
    (options.cors !== undefined && request.headers.origin !== undefined) ||
    (options.explorer !== undefined &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      (path.startsWith(EXPLORER_ASSETS) || (request.headers.accept ?? '').includes('html')));
}

function routeDirectlyFirst(
  app: Express,
  routes: HalwayRoutes,
  answerProblem: (error: unknown, request: Request, response: Response) => void,
): void {
  const withExpress = app as unknown as { handle: Handle };
  const routeWithExpress = withExpress.handle.bind(app);
  withExpress.handle = (request, response) => {
    if (routes.direct(request, response)) return;
    routeWithExpress(request, response, (error) => {
      if (error === undefined || error === null) sendNotFound(request, response);
      else answerProblem(error, request, response);
    });
  };
}
