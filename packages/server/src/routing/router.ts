import { Router, type Request, type Response } from 'express';
import { HttpProblem } from '../errors.js';
import type { BodyParser } from '../http/body.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { runAction } from './act.js';
import { declaredMethods, type Endpoint } from './endpoints.js';
import { answerOptions } from './options.js';
import { readResource } from './read.js';

/** An Express router serving every endpoint: reads, actions, OPTIONS, and 405 for the rest. */
export function createResourceRouter(
  runtime: ServiceRuntime,
  endpoints: readonly Endpoint[],
  parseBody: BodyParser,
): Router {
  const router = Router({ caseSensitive: true, strict: false });
  for (const endpoint of endpoints) {
    router.all(endpoint.route.route, (request: Request, response: Response) =>
      dispatch(runtime, endpoint, parseBody, request, response),
    );
  }
  return router;
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
