import type { IncomingRequest } from '../http/incoming.js';
import { returnPreference } from '../conditional/prefer.js';
import type { Reply } from '../http/reply.js';
import type { CompiledResource } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';
import { createRequestContext } from '../resource/create-context.js';
import type { ActionResult, ResourceLocation } from '../resource/results.js';
import { compiledOf, type ServiceRuntime } from '../resource/runtime.js';
import { loadOrUndefined, representationReply } from './read.js';
import { documentReply } from './send.js';

/** Where an action ran: the resource, the request's context, and the resource's own path. */
export interface ActionScene {
  /** The resource the action belongs to. */
  owner: CompiledResource;
  /** The request's context. */
  context: RequestContext<Record<string, string | undefined>>;
  /** The `self` of the resource the action was taken on. */
  ownerSelf: string;
}

/**
 * The reply to an action's result. With `Prefer: return=representation`, a changed or created
 * resource comes back in the body with `Content-Location` and `Preference-Applied`, so a
 * client's step costs one round trip; `return=minimal` (and no preference) answers 201 or 204.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-4.2
 */
export async function outcomeReply(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  outcome: ActionResult,
  scene: ActionScene,
): Promise<Reply> {
  const preference = returnPreference(request.headers.prefer);
  const minimal: Record<string, string> =
    preference === 'minimal' ? { 'Preference-Applied': 'return=minimal' } : {};
  if (outcome === undefined) {
    if (preference === 'representation') {
      const state = await loadOrUndefined(scene.owner, scene.context);
      if (state !== undefined) {
        const reply = await representationReply(
          runtime,
          scene.owner,
          state,
          scene.context,
          request,
          scene.ownerSelf,
        );
        return withHeaders(reply, {
          'Content-Location': scene.ownerSelf,
          'Preference-Applied': 'return=representation',
        });
      }
    }
    return { status: 204, headers: minimal };
  }
  switch (outcome.kind) {
    case 'no-content':
      return { status: 204, headers: {} };
    case 'created': {
      const location = locationOf(outcome.location, scene);
      if (preference === 'representation' && 'resource' in outcome.location) {
        const reply = await createdReply(runtime, request, outcome.location, scene, location);
        return withHeaders(reply, {
          Location: location,
          'Content-Location': location,
          'Preference-Applied': 'return=representation',
        });
      }
      return { status: 201, headers: { ...minimal, Location: location } };
    }
    case 'see-other':
      return { status: 303, headers: { Location: locationOf(outcome.location, scene) } };
    case 'accepted':
      return {
        status: 202,
        headers: outcome.location ? { Location: locationOf(outcome.location, scene) } : {},
      };
    case 'ok':
      return documentReply(runtime, request, outcome.document, undefined);
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

async function createdReply(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  location: Extract<ResourceLocation, { resource: unknown }>,
  scene: ActionScene,
  href: string,
): Promise<Reply> {
  const compiled = compiledOf(runtime, location.resource, 'created()');
  const params = (location.resource.options.params?.(location.state) ?? {}) as Record<
    string,
    string | undefined
  >;
  const context = createRequestContext(runtime, request, href, params, scene.context.caller, {
    db: scene.context.db,
    prepared: undefined,
  });
  return representationReply(runtime, compiled, location.state, context, request, href, 201);
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
