import type { HalDocument } from '@halway/hal';
import { queryOf, type IncomingRequest, type OutgoingResponse } from '../http/incoming.js';
import { callerOf } from '../auth/caller.js';
import { stateVersionOf } from '../conditional/etag.js';
import { HttpProblem } from '../errors.js';
import { writeReply, type Reply } from '../http/reply.js';
import { linkOrigin } from '../links/origin.js';
import { representationKey } from '../representations/cache.js';
import { negotiateRepresentation } from '../representations/registry.js';
import type { CompiledResource } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';
import { requestParams } from '../resource/create-context.js';
import { renderBody, renderDocument } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { documentVersion } from '../storage/unit-of-work.js';
import { checkReadable } from './permission.js';
import { whileReading } from './scope.js';
import { bodyReply, curiesText, documentReply, notAcceptable, writesText } from './send.js';

type Context = RequestContext<Record<string, string | undefined>>;

/** GET and HEAD on a resource: negotiate, load, render, with an ETag (304 when still fresh). */
export async function readResource(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  request: IncomingRequest,
  response: OutgoingResponse,
): Promise<void> {
  // Negotiate before loading: a client that can read nothing we have should not cost a load.
  if (!negotiateRepresentation(request)) throw notAcceptable();
  const self = selfOf(owner, request);
  // Most services authenticate nobody: skip the await (and its microtask) then.
  const caller = runtime.authentication ? await callerOf(runtime, request) : undefined;
  checkReadable(runtime, owner, caller, self);
  const addressed = { self, params: requestParams(owner.resource, request), caller };
  const reply = await whileReading(runtime, owner, request, addressed, (context) => {
    // Most loads are synchronous, and most replies come from the cache or render at once:
    // chaining promises only where there are some saves every read several microtasks.
    const loaded = startLoad(owner, context);
    return loaded instanceof Promise
      ? loaded.then((state) => stateReply(runtime, owner, state, context, request, self))
      : stateReply(runtime, owner, loaded, context, request, self);
  });
  writeReply(request, response, reply);
}

// The reply to a read of a loaded state: 404 without one, 303 for a lookup, else the representation.
function stateReply(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  loaded: unknown,
  context: Context,
  request: IncomingRequest,
  self: string,
): Reply | Promise<Reply> {
  const state = presentOrNotFound(loaded, request);
  const elsewhere = owner.resource.options.seeOther?.(state, context);
  if (elsewhere !== undefined)
    return { status: 303, headers: { Location: elsewhere, Vary: 'Accept' } };
  return representationReply(runtime, owner, state, context, request, self);
}

/**
 * A resource's representation in a state, as a reply with its ETag. For a resource declared
 * `cacheByVersion`, a reply rendered before for the same state version, URL, `Accept`, origin
 * and caller is served again instead.
 */
export function representationReply(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  state: unknown,
  context: Context,
  request: IncomingRequest,
  self: string,
  status = 200,
): Reply | Promise<Reply> {
  const version = declaredVersion(owner, state);
  // With a declared version, hrefs are made absolute as the document is rendered. Without one,
  // the state version is a digest of the document, which must not depend on the origin asked.
  const origin = version === undefined ? undefined : linkOrigin(runtime.links, request);
  const key =
    owner.resource.options.cacheByVersion === true && version !== undefined
      ? cacheKey(context, request, self, String(version), status, origin)
      : undefined;
  const cached = key === undefined ? undefined : runtime.representations.get(key);
  if (cached !== undefined) return cached;
  const negotiated = negotiateRepresentation(request);
  if (!negotiated) throw notAcceptable();
  const finish = (rendered: HalDocument | string): Reply => {
    const reply =
      typeof rendered === 'string'
        ? // Written as text only with a declared version, which is all the state version needs.
          bodyReply(runtime, negotiated, rendered, stateVersionOf(version, {}), status)
        : documentReply(
            runtime,
            request,
            rendered,
            stateVersionOf(version, rendered),
            status,
            origin,
          );
    const { cacheControl } = owner.resource.options;
    if (cacheControl !== undefined) reply.headers['Cache-Control'] = cacheControl;
    if (key !== undefined) runtime.representations.set(key, reply);
    return reply;
  };
  // Written as text, straight from its parts, when nothing between rendering and sending would
  // change it; with a declared version only, as the origin is known then (see above).
  const rendered =
    origin !== undefined && writesText(runtime, request, negotiated)
      ? renderBody(owner, state, context, self, origin, curiesText(runtime, request, origin))
      : renderDocument(owner, state, context, self, origin);
  // Documents are usually rendered synchronously: wait only for a promise.
  return rendered instanceof Promise ? rendered.then(finish) : finish(rendered);
}

function cacheKey(
  context: Context,
  request: IncomingRequest,
  self: string,
  version: string,
  status: number,
  origin: string | undefined,
): string {
  return representationKey({
    self,
    version,
    status,
    accept: request.headers.accept ?? '*/*',
    origin: origin ?? '',
    // The whole identity, not just the id: roles and claims decide what a caller sees too.
    caller: context.caller === undefined ? '' : JSON.stringify(context.caller),
  });
}

/** The version of a state as ETags carry it: the author's, or a digest of its document. */
export async function currentStateVersion(
  owner: CompiledResource,
  state: unknown,
  context: Context,
  self: string,
): Promise<string> {
  const version = declaredVersion(owner, state);
  if (version !== undefined) return stateVersionOf(version, {});
  return stateVersionOf(undefined, await renderDocument(owner, state, context, self));
}

/** The version of a state: the resource's `version`, else the stored version of a document loaded from the store. */
function declaredVersion(owner: CompiledResource, state: unknown): string | number | undefined {
  return owner.resource.options.version?.(state) ?? documentVersion(state);
}

/** Loads the state a request addresses; a 404 problem when there is none. */
export async function loadState(
  owner: CompiledResource,
  context: Context,
  request: IncomingRequest,
): Promise<unknown> {
  const loaded = startLoad(owner, context);
  return presentOrNotFound(loaded instanceof Promise ? await loaded : loaded, request);
}

// A loaded state, or the 404 problem when there is none.
function presentOrNotFound(loaded: unknown, request: IncomingRequest): unknown {
  const state = presentOrUndefined(loaded);
  if (state === undefined)
    throw new HttpProblem('NOT_FOUND', {
      detail: `There is no resource at ${request.baseUrl}${request.path}`,
    });
  return state;
}

/** Loads the state a request addresses, or undefined. */
export async function loadOrUndefined(owner: CompiledResource, context: Context): Promise<unknown> {
  return presentOrUndefined(await startLoad(owner, context));
}

// The resource's load, called: its state, or a promise of it (most loads are synchronous, and
// awaiting them anyway would cost every read a microtask).
function startLoad(owner: CompiledResource, context: Context): unknown {
  const load = owner.resource.options.load;
  return load ? load(context) : {};
}

function presentOrUndefined(state: unknown): unknown {
  return state === null ? undefined : state;
}

/** The path of the resource an action at `subPath` below it was sent to. */
export function resourcePath(request: IncomingRequest, subPath: string): string {
  const path = request.baseUrl + request.path;
  return subPath === '' ? path : path.slice(0, path.length - subPath.length) || '/';
}

/** The `self` of the requested resource: its path, with the query parameters that address it. */
export function selfOf(
  owner: CompiledResource,
  request: IncomingRequest,
  path = request.baseUrl + request.path,
): string {
  const names = owner.resource.options.query;
  if (!names || names.length === 0) return path;
  const query = new URLSearchParams();
  const values = queryOf(request);
  for (const name of names) {
    const value = values[name];
    for (const entry of Array.isArray(value) ? value : [value])
      if (typeof entry === 'string') query.append(name, entry);
  }
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}
