import { queryOf, type IncomingRequest } from '../http/incoming.js';
import type { Caller } from '../auth/authentication.js';
import { requestOrigin } from '../links/origin.js';
import type { Documents } from '../storage/types.js';
import type { RequestContext } from './context.js';
import { renderDocument } from './render.js';
import type { AnyResource } from './resource.js';
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
  const basePath = request.baseUrl;
  const helpers = pathHelpers(runtime, basePath);
  const context: RequestContext<Record<string, string | undefined>> = {
    self,
    params,
    // Parsed on demand: most loads never look at the query.
    get query() {
      const query = queryOf(request);
      Object.defineProperty(this, 'query', { value: query });
      return query;
    },
    // Express's request, made on demand: Halway's own path reads Node's request as it is.
    get request() {
      const express = runtime.toExpress(request);
      Object.defineProperty(this, 'request', { value: express });
      return express;
    },
    basePath,
    log: runtime.log,
    caller,
    peers: runtime.peers,
    db: data.db,
    prepared: data.prepared,
    href: helpers.href,
    uriTemplate: helpers.uriTemplate,
    absoluteUrl: (path) =>
      new URL(path, requestOrigin(runtime.links, request) ?? 'http://localhost').href,
    async represent(resource, state) {
      const compiled = compiledOf(runtime, resource, 'represent()');
      const toParams = resource.options.params;
      const hasParams = resource.path.names.length > 0 || (resource.options.query ?? []).length > 0;
      if (!toParams && hasParams) {
        throw new TypeError(
          `represent(): ${resource.path.route} needs a "params" option to derive its URL from a state`,
        );
      }
      const embeddedParams = (toParams?.(state) ?? {}) as Record<string, string | undefined>;
      const embeddedSelf = basePath + resource.href(embeddedParams);
      const embeddedContext = createRequestContext(
        runtime,
        request,
        embeddedSelf,
        embeddedParams,
        caller,
        // An embedded resource's `prepare` is not run: one page would call peers per item.
        { db: data.db, prepared: undefined },
      );
      return renderDocument(compiled, state, embeddedContext, embeddedSelf);
    },
  };
  return context;
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
