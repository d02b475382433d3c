import type { Request, Response } from 'express';
import { HttpProblem } from '../errors.js';
import { negotiateRepresentation } from '../representations/registry.js';
import type { CompiledResource } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';
import { createRequestContext, requestParams } from '../resource/create-context.js';
import { renderDocument } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { notAcceptable, sendDocument } from './send.js';

/** GET and HEAD on a resource: negotiate, load, render. */
export async function readResource(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  request: Request,
  response: Response,
): Promise<void> {
  // Negotiate before loading: a client that can read nothing we have should not cost a load.
  if (!negotiateRepresentation(request)) throw notAcceptable();
  const context = createRequestContext(runtime, request, requestParams(owner.resource, request));
  const state = await loadState(owner, context, request);
  const document = await renderDocument(owner, state, context, selfOf(owner, request));
  sendDocument(request, response, document);
}

/** Loads the state a request addresses; a 404 problem when there is none. */
export async function loadState(
  owner: CompiledResource,
  context: RequestContext<Record<string, string | undefined>>,
  request: Request,
): Promise<unknown> {
  const load = owner.resource.options.load;
  const state = load ? await load(context) : {};
  if (state === undefined || state === null) {
    throw new HttpProblem('NOT_FOUND', {
      detail: `There is no resource at ${request.baseUrl}${request.path}`,
    });
  }
  return state;
}

/** The `self` of the requested resource: its path, with the query parameters that address it. */
export function selfOf(owner: CompiledResource, request: Request): string {
  const path = request.baseUrl + request.path;
  const query = new URLSearchParams();
  for (const name of owner.resource.options.query ?? []) {
    const value = (request.query as Record<string, unknown>)[name];
    for (const entry of Array.isArray(value) ? value : [value])
      if (typeof entry === 'string') query.append(name, entry);
  }
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}
