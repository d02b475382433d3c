import type { Express, Request, Response } from 'express';
import { HttpProblem } from '../errors.js';
import type { BodyParser } from '../http/body.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { runAction } from './act.js';
import { declaredMethods, type Endpoint } from './endpoints.js';
import { answerOptions } from './options.js';
import { readResource } from './read.js';

/**
 * Routes every endpoint on the app itself (not a nested router: one layer less per request):
 * reads, actions, OPTIONS, and 405 for the rest. Paths are case-sensitive.
 */
export function mountEndpoints(
  app: Express,
  runtime: ServiceRuntime,
  endpoints: readonly Endpoint[],
  parseBody: BodyParser,
): void {
  app.set('case sensitive routing', true);
  for (const endpoint of endpoints) {
    app.all(endpoint.route.route, (request: Request, response: Response) =>
      dispatch(runtime, endpoint, parseBody, request, response),
    );
  }
}

async function dispatch(
  runtime: ServiceRuntime,
  endpoint: Endpoint,
  parseBody: BodyParser,
  request: Request,
  response: Response,
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
