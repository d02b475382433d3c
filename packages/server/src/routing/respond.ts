import type { Request, Response } from 'express';
import type { CompiledResource } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';
import type { ActionResult, ResourceLocation } from '../resource/results.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { sendDocument } from './send.js';

/** Where an action ran: the resource and the request's context. */
export interface ActionScene {
  /** The resource the action belongs to. */
  owner: CompiledResource;
  /** The request's context. */
  context: RequestContext<Record<string, string | undefined>>;
}

/** Answers with an action's result. */
export async function respond(
  _runtime: ServiceRuntime,
  request: Request,
  response: Response,
  outcome: ActionResult,
  scene: ActionScene,
): Promise<void> {
  if (outcome === undefined || outcome.kind === 'no-content') {
    response.status(204).end();
    return;
  }
  switch (outcome.kind) {
    case 'created':
      response.status(201).setHeader('Location', locationOf(outcome.location, scene)).end();
      return;
    case 'see-other':
      response.status(303).setHeader('Location', locationOf(outcome.location, scene)).end();
      return;
    case 'accepted':
      if (outcome.location) response.setHeader('Location', locationOf(outcome.location, scene));
      response.status(202).end();
      return;
    case 'ok':
      sendDocument(request, response, outcome.document);
      return;
  }
}

/** The URL of a location: as given, or derived from a resource and its state. */
export function locationOf(location: ResourceLocation, scene: ActionScene): string {
  if ('href' in location) return location.href;
  const { resource, state } = location;
  const toParams = resource.options.params;
  if (!toParams && resource.path.names.length > 0) {
    throw new TypeError(
      `${resource.path.route} needs a "params" option to be a Location from its state`,
    );
  }
  return scene.context.href(resource, toParams ? toParams(state) : {});
}
