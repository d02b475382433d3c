import type { GraphCluster, GraphEdge, WorkflowGraph } from '@halway/map/graph';
import { currentHop, type Trail } from './trail.js';

/** The map of a trail: its services, the resources visited and the steps between them. */
export interface TrailMap {
  /** One cluster per service (origin), in order of first visit; one node per resource. */
  graph: WorkflowGraph;
  /** The node of the resource shown now. */
  current: string | undefined;
  /** Each cluster's origin, by the cluster's service label. */
  origins: Map<string, string>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The trail as a graph for the "Map" view: the services it has crossed (one box per origin,
 * in order of first visit), each resource visited once (named by its path), and each step
 * from one resource to the next labelled with its rel or form, unsafe when it was not a GET; a
 * form whose created resource was then opened (`location`) leads straight to that resource.
 * The hops ahead of the current one (left by going back) are left out, as the trail dims them.
 */
export function trailMap(trail: Trail): TrailMap {
  const hops = trail.hops.slice(0, trail.current + 1);
  const clusters = new Map<string, GraphCluster>();
  const ids = new Map<string, string>();
  const origins = new Map<string, string>();
  const node = (url: string): string => {
    const known = ids.get(url);
    if (known) return known;
    const origin = new URL(url).origin;
    const service = origin.replace(/^https?:\/\//, '');
    origins.set(service, origin);
    let cluster = clusters.get(origin);
    if (!cluster) {
      cluster = { service, nodes: [] };
      clusters.set(origin, cluster);
    }
    const id = `r${ids.size}`;
    ids.set(url, id);
    cluster.nodes.push({ id, ref: url, label: pathOf(url), shape: 'state' });
    return id;
  };
  const edges: GraphEdge[] = [];
  const addEdge = (from: string, to: string, label: string, unsafe: boolean) => {
    const edge: GraphEdge = {
      from: node(from),
      to: node(to),
      label,
      name: label,
      style: unsafe ? 'unsafe' : 'safe',
    };
    const known = edges.some(
      (other) => other.from === edge.from && other.to === edge.to && other.label === edge.label,
    );
    if (!known) edges.push(edge);
  };
  if (hops[0]) node(hops[0].url);
  let at = hops[0]?.url;
  for (let index = 1; index < hops.length; index++) {
    const hop = hops[index]!;
    const unsafe = !SAFE_METHODS.has(hop.method.toUpperCase());
    const next = hops[index + 1];
    // A form that created a resource and the Location followed to it are one step in the map.
    const led = unsafe && next?.label === 'location' ? next.url : hop.url;
    if (at !== undefined) addEdge(at, led, hop.label, unsafe);
    if (led !== hop.url) index++;
    at = led;
  }
  const hop = currentHop(trail);
  return {
    graph: { clusters: [...clusters.values()], edges },
    current: hop ? ids.get(hop.url) : undefined,
    origins,
  };
}

// A resource's name in the map: its path and query, shortened from the middle when long.
function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  const text = decodeURIComponent(pathname + search);
  return text.length <= 46 ? text : `${text.slice(0, 24)}…${text.slice(-16)}`;
}
