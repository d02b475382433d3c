import type { CompiledAction, CompiledResource } from '../resource/compile.js';
import { compareSpecificity, type ParsedPath } from '../resource/paths.js';

/** One route of a service and what it serves. */
export interface Endpoint {
  /** The route. */
  route: ParsedPath;
  /** The resource the route belongs to. */
  owner: CompiledResource;
  /** Whether GET and HEAD read the owner (true for the resource's own path). */
  readable: boolean;
  /** The actions served here, by method. */
  actions: Map<string, CompiledAction>;
}

/**
 * The routes of a set of resources, most specific first. Throws a TypeError at start-up for
 * two resources at one path, an action at another resource's path, or two actions with the
 * same path and method.
 */
export function collectEndpoints(resources: readonly CompiledResource[]): Endpoint[] {
  const byShape = new Map<string, Endpoint>();
  for (const owner of resources) {
    const route = owner.resource.path;
    const existing = byShape.get(shapeOf(route));
    if (existing)
      throw new TypeError(
        `createService(): ${route.route} and ${existing.route.route} are the same path`,
      );
    byShape.set(shapeOf(route), { route, owner, readable: true, actions: new Map() });
  }
  for (const owner of resources) {
    for (const action of owner.actions) {
      if (!action.route) continue;
      const shape = shapeOf(action.route);
      let endpoint = byShape.get(shape);
      if (!endpoint) {
        endpoint = { route: action.route, owner, readable: false, actions: new Map() };
        byShape.set(shape, endpoint);
      }
      checkAction(endpoint, owner, action);
      endpoint.actions.set(action.method, action);
    }
  }
  return [...byShape.values()].sort((a, b) => compareSpecificity(a.route, b.route));
}

/** The methods a route serves at all, for `Allow` on a 405. */
export function declaredMethods(endpoint: Endpoint): string[] {
  const methods = endpoint.readable ? ['GET', 'HEAD'] : [];
  for (const method of endpoint.actions.keys()) if (!methods.includes(method)) methods.push(method);
  if (endpoint.actions.has('GET') && !methods.includes('HEAD')) methods.push('HEAD');
  return [...methods, 'OPTIONS'];
}

function checkAction(endpoint: Endpoint, owner: CompiledResource, action: CompiledAction): void {
  const where = `action "${action.name}" of ${owner.resource.path.route}`;
  if (endpoint.owner !== owner) {
    throw new TypeError(
      `createService(): ${where} is served at ${action.route!.route}, which belongs to ${endpoint.owner.resource.path.route}`,
    );
  }
  if (endpoint.readable && action.method === 'GET') {
    throw new TypeError(
      `createService(): ${where} uses GET on the resource itself; give it a path, or a target`,
    );
  }
  const other = endpoint.actions.get(action.method);
  if (other) {
    throw new TypeError(
      `createService(): ${where} and action "${other.name}" both use ${action.method} ${action.route!.route}; give one a path`,
    );
  }
}

// Parameter names do not make routes different: /orders/:id and /orders/:orderId collide.
function shapeOf(route: ParsedPath): string {
  return route.template.replace(/\{[^}]*\}/g, '{}');
}
