import type { AnyResource } from '../resource/resource.js';

/**
 * The ALPS descriptor id of each resource of a service, from its path: `/` is `home`,
 * `/orders` is `orders`, `/orders/:id` is `order`; a clash gets a numbered suffix.
 */
export function profileIds(resources: readonly AnyResource[]): Map<AnyResource, string> {
  const ids = new Map<AnyResource, string>();
  const taken = new Set<string>();
  for (const resource of resources) {
    const base = idOfPath(resource.path.route);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(resource, id);
  }
  return ids;
}

function idOfPath(route: string): string {
  const segments = route.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) return 'home';
  const literal = segments.filter((segment) => !segment.startsWith(':'));
  const last = segments.at(-1) ?? '';
  let words = literal.map((segment) => segment.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  // An item below a collection (`/orders/:id`) is named in the singular: `order`.
  if (last.startsWith(':') && words.length > 0) {
    const noun = words.at(-1) ?? '';
    words = [
      ...words.slice(0, -1),
      noun.endsWith('s') && noun.length > 1 ? noun.slice(0, -1) : noun,
    ];
  }
  return words.join('-') || 'item';
}
