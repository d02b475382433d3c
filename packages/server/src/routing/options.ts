import type { IncomingRequest, OutgoingResponse } from '../http/incoming.js';
import { callerOf } from '../auth/caller.js';
import { requestParams } from '../resource/create-context.js';
import { isAllowed, isPermitted } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import type { Endpoint } from './endpoints.js';
import { loadState, resourcePath, selfOf } from './read.js';
import { whileReading } from './scope.js';

/** OPTIONS: `Allow` lists the methods this caller may use on the resource in its current state. */
export async function answerOptions(
  runtime: ServiceRuntime,
  endpoint: Endpoint,
  request: IncomingRequest,
  response: OutgoingResponse,
): Promise<void> {
  response.setHeader('Allow', (await allowedNow(runtime, endpoint, request)).join(', '));
  response.statusCode = 204;
  response.end();
}

/** The methods possible on a route now: reading, and every action the caller may take now. */
export async function allowedNow(
  runtime: ServiceRuntime,
  endpoint: Endpoint,
  request: IncomingRequest,
): Promise<string[]> {
  const { owner } = endpoint;
  const [action] = endpoint.actions.values();
  const path = resourcePath(request, endpoint.readable || !action ? '' : action.subPath);
  const addressed = {
    self: selfOf(owner, request, path),
    params: requestParams(owner.resource, request),
    caller: await callerOf(runtime, request),
  };
  return whileReading(runtime, owner, request, addressed, async (context) => {
    const state = await loadState(owner, context, request);
    const methods = endpoint.readable ? ['GET', 'HEAD'] : [];
    for (const [method, action] of endpoint.actions) {
      if (
        !methods.includes(method) &&
        isPermitted(action, state, context) &&
        isAllowed(action, state, context)
      )
        methods.push(method);
    }
    return [...methods, 'OPTIONS'];
  });
}
