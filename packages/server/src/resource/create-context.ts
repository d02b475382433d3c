import { queryOf, type IncomingRequest } from '../http/incoming.js';
import type { Caller } from '../auth/authentication.js';
import { requestOrigin } from '../links/origin.js';
import type { Documents } from '../storage/types.js';
import type { HalDocument } from '@halway/hal';
import type { Request } from 'express';
import type { Logger } from '../logger.js';
import type { Peers } from '../peers/peers.js';
import type { ActionContext, RequestContext } from './context.js';
import { renderDocument } from './render.js';
import type { AnyResource, ResourceOf } from './resource.js';
import { compiledOf, type ServiceRuntime } from './runtime.js';

/** The data a request's context reads: the documents (a reader, or the action's transaction) and what `prepare` gave. */
export interface ContextData {
  /** The documents. */
  db: Documents;
  /** The result of the resource's `prepare`. */
  prepared: unknown;
}

/** The context of a request to a resource: its parameters, and helpers bound to this service. */
export function createRequestContext(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  self: string,
  params: Record<string, string | undefined>,
  caller: Caller | undefined,
  data: ContextData,
): RequestContext<Record<string, string | undefined>> {
  return new ContextOfRequest(runtime, request, self, params, caller, data);
}

/**
 * The context an action's handler gets: the request's context, with the state it loaded and
 * the validated input.
 */
export function actionContextOf<TState, TInput>(
  context: RequestContext<Record<string, string | undefined>>,
  state: TState,
  input: TInput,
): ActionContext<TState, Record<string, string | undefined>, TInput> {
  if (!(context instanceof ContextOfRequest))
    throw new TypeError('actionContextOf(): not a context Halway made for a request');
  return context.forAction(state, input);
}

/**
 * A request's context as a class, so that every context has the same shape. As an object
 * literal, its two getters were new functions for each request, which gave each context a V8
 * hidden class of its own; that class, kept until a full collection, kept the request and
 * everything it reached alive through every young-generation collection: about 2 MB copied at
 * each one under load, and a read at 60% of its speed.
 */
class ContextOfRequest implements RequestContext<Record<string, string | undefined>> {
  readonly basePath: string;
  readonly log: Logger;
  readonly peers: Peers;
  readonly db: Documents;
  readonly prepared: unknown;
  readonly href: RequestContext['href'];
  readonly uriTemplate: RequestContext['uriTemplate'];
  readonly #runtime: ServiceRuntime;
  readonly #request: IncomingRequest;
  #query: Readonly<Record<string, string | string[] | undefined>> | undefined;
  #express: Request | undefined;

  constructor(
    runtime: ServiceRuntime,
    request: IncomingRequest,
    readonly self: string,
    readonly params: Record<string, string | undefined>,
    readonly caller: Caller | undefined,
    data: ContextData,
  ) {
    this.#runtime = runtime;
    this.#request = request;
    this.basePath = request.baseUrl;
    this.log = runtime.log;
    this.peers = runtime.peers;
    this.db = data.db;
    this.prepared = data.prepared;
    const helpers = pathHelpers(runtime, this.basePath);
    this.href = helpers.href;
    this.uriTemplate = helpers.uriTemplate;
  }

  // Parsed on demand: most loads never look at the query.
  get query(): Readonly<Record<string, string | string[] | undefined>> {
    return (this.#query ??= queryOf(this.#request));
  }

  // Express's request, made on demand: Halway's own path reads Node's request as it is.
  get request(): Request {
    return (this.#express ??= this.#runtime.toExpress(this.#request));
  }

  // Arrow functions, not methods: authors take them out of the context (`{ absoluteUrl }`).
  readonly absoluteUrl = (path: string): string =>
    new URL(path, requestOrigin(this.#runtime.links, this.#request) ?? 'http://localhost').href;

  readonly represent = async <TState>(
    resource: ResourceOf<TState>,
    state: TState,
  ): Promise<HalDocument> => {
    const compiled = compiledOf(this.#runtime, resource, 'represent()');
    const toParams = resource.options.params;
    const hasParams = resource.path.names.length > 0 || (resource.options.query ?? []).length > 0;
    if (!toParams && hasParams) {
      throw new TypeError(
        `represent(): ${resource.path.route} needs a "params" option to derive its URL from a state`,
      );
    }
    const embeddedParams = (toParams?.(state) ?? {}) as Record<string, string | undefined>;
    const embeddedSelf = this.basePath + resource.href(embeddedParams);
    const embeddedContext = new ContextOfRequest(
      this.#runtime,
      this.#request,
      embeddedSelf,
      embeddedParams,
      this.caller,
      // An embedded resource's `prepare` is not run: one page would call peers per item.
      { db: this.db, prepared: undefined },
    );
    return renderDocument(compiled, state, embeddedContext, embeddedSelf);
  };

  /** This context, for an action's handler: with the state and the validated input. */
  forAction<TState, TInput>(
    state: TState,
    input: TInput,
  ): ActionContext<TState, Record<string, string | undefined>, TInput> {
    const context = new ContextOfRequest(
      this.#runtime,
      this.#request,
      this.self,
      this.params,
      this.caller,
      { db: this.db, prepared: this.prepared },
    );
    context.#query = this.#query;
    context.#express = this.#express;
    return Object.assign(context, { state, input }) as unknown as ActionContext<
      TState,
      Record<string, string | undefined>,
      TInput
    >;
  }
}

type PathHelpers = Pick<RequestContext, 'href' | 'uriTemplate'>;

const helpersByRuntime = new WeakMap<ServiceRuntime, Map<string, PathHelpers>>();
// A service is mounted at one path or a few; a mount path with parameters could make many.
const MOUNT_PATHS_KEPT = 16;

// `href` and `uriTemplate` depend on the service and its mount path only: made once for each,
// not for every request.
function pathHelpers(runtime: ServiceRuntime, basePath: string): PathHelpers {
  let byPath = helpersByRuntime.get(runtime);
  if (byPath === undefined) helpersByRuntime.set(runtime, (byPath = new Map()));
  let helpers = byPath.get(basePath);
  if (helpers === undefined) {
    helpers = {
      href: (resource, resourceParams) =>
        basePath + compiledOf(runtime, resource, 'href()').resource.href(resourceParams),
      uriTemplate: (resource) =>
        basePath + compiledOf(runtime, resource, 'uriTemplate()').resource.uriTemplate(),
    };
    if (byPath.size < MOUNT_PATHS_KEPT) byPath.set(basePath, helpers);
  }
  return helpers;
}

/** The parameters that address the requested resource: path parameters plus its declared query ones. */
export function requestParams(
  resource: AnyResource,
  request: IncomingRequest,
): Record<string, string | undefined> {
  const names = resource.options.query;
  if (!names || names.length === 0) return request.params as Record<string, string>;
  const params: Record<string, string | undefined> = {
    ...(request.params as Record<string, string>),
  };
  const query = queryOf(request);
  for (const name of names) {
    const value = query[name];
    params[name] =
      typeof value === 'string'
        ? value
        : Array.isArray(value) && typeof value[0] === 'string'
          ? value[0]
          : undefined;
  }
  return params;
}
