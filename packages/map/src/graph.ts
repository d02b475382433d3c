import type { MapTransition, WorkflowMap } from './model.js';

/** How an edge is drawn: a safe link, an unsafe form, an effect elsewhere, or only declared. */
export type EdgeStyle = 'safe' | 'unsafe' | 'effect' | 'declared';

/** A box in the picture: a state, a kind known only from its profile, or an unknown result. */
export interface GraphNode {
  /** An id safe in DOT and Mermaid (`n0`, `n1`, …). */
  id: string;
  /** The state or kind id in the map. */
  ref: string;
  /** The text in the box. */
  label: string;
  /** `state`, `kind` (declared, never seen) or `unknown` (a form whose result was not seen). */
  shape: 'state' | 'kind' | 'unknown';
}

/** An arrow in the picture. */
export interface GraphEdge {
  /** The node it starts at. */
  from: string;
  /** The node it ends at. */
  to: string;
  /** Its text: the rel, or the form's title. */
  label: string;
  /** The rel or form name. */
  name: string;
  /** How it is drawn. */
  style: EdgeStyle;
}

/** One service's box and what is in it. */
export interface GraphCluster {
  /** The service's id. */
  service: string;
  /** Its nodes. */
  nodes: GraphNode[];
}

/** The picture of a map, before layout: the same for Graphviz, Mermaid and the explorer. */
export interface WorkflowGraph {
  /** One cluster per service, in the map's order. */
  clusters: GraphCluster[];
  /** The edges. */
  edges: GraphEdge[];
}

/** Edge style of a transition. */
export function edgeStyle(transition: MapTransition): EdgeStyle {
  if (transition.type === 'declared') return 'declared';
  if (transition.type === 'effect') return 'effect';
  return transition.safe ? 'safe' : 'unsafe';
}

/** Edge text: a link's rel, a form's title (its name when it has none). */
export function edgeLabel(transition: MapTransition): string {
  if (transition.type === 'link') return transition.name;
  if (transition.type === 'effect') return `after ${transition.name}`;
  return transition.title ?? transition.name;
}

/** Options of {@link workflowGraph}. */
export interface WorkflowGraphOptions {
  /**
   * What to draw: `all` transitions, or `paths` (the default): for each state that no form or
   * effect leads to, only the first link found to it from the entry, so the picture shows how
   * each state is reached without every way back (`collection`, `order`, …); and transitions
   * declared in a profile only for kinds never seen.
   */
  links?: 'all' | 'paths';
}

/**
 * The nodes and edges to draw for a map, grouped by service. Kinds appear as nodes only when a
 * transition starts or ends at them (declared in a profile, never seen); a transition whose
 * result is unknown ends at one "?" node per service.
 */
export function workflowGraph(map: WorkflowMap, options: WorkflowGraphOptions = {}): WorkflowGraph {
  const nodes = new Map<string, GraphNode & { service: string }>();
  const node = (ref: string, service: string, label: string, shape: GraphNode['shape']) => {
    let found = nodes.get(ref);
    if (!found) {
      found = { id: `n${nodes.size}`, ref, label, shape, service };
      nodes.set(ref, found);
    }
    return found;
  };
  const kinds = new Map(map.kinds.map((kind) => [kind.id, kind]));
  const states = new Map(map.states.map((state) => [state.id, state]));
  const endpoint = (ref: string) => {
    const state = states.get(ref);
    if (state) return node(ref, state.service, state.label, 'state');
    const kind = kinds.get(ref);
    return node(ref, kind?.service ?? '', kind?.title ?? ref, 'kind');
  };
  for (const state of map.states) endpoint(state.id);
  const drawn = options.links === 'all' ? map.transitions : navigationPaths(map);
  const edges = drawn.map((transition): GraphEdge => {
    const from = endpoint(transition.from);
    const to = transition.to
      ? endpoint(transition.to)
      : node(`?${transition.service}`, transition.service, '?', 'unknown');
    return {
      from: from.id,
      to: to.id,
      label: edgeLabel(transition),
      name: transition.name,
      style: edgeStyle(transition),
    };
  });
  const clusters = map.services.map((service) => ({
    service: service.id,
    nodes: [...nodes.values()].filter((entry) => entry.service === service.id),
  }));
  const orphans = [...nodes.values()].filter(
    (entry) => !map.services.some((service) => service.id === entry.service),
  );
  if (orphans.length > 0) clusters.push({ service: '', nodes: orphans });
  return { clusters, edges };
}

// Every unsafe transition, effect and declared one, and the safe links that are the first way
// (breadth first from the entry) to a state nothing unsafe leads to.
function navigationPaths(map: WorkflowMap): MapTransition[] {
  const reachedUnsafely = new Set(
    map.transitions.filter((t) => !t.safe || t.type === 'effect').flatMap((t) => t.to ?? []),
  );
  const start = map.states.find((state) => state.examples.includes(map.entry))?.id;
  const firstLink = new Map<string, string>();
  const visited = new Set(start ? [start] : []);
  const queue = start ? [start] : [];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const transition of map.transitions) {
      if (transition.from !== node || !transition.to || visited.has(transition.to)) continue;
      visited.add(transition.to);
      queue.push(transition.to);
      if (transition.safe && transition.type !== 'effect')
        firstLink.set(transition.to, transition.id);
    }
  }
  const seenKinds = new Set(map.states.map((state) => state.kind));
  return map.transitions.filter((transition) => {
    // What a seen kind declares but never offered (service-to-service actions, say) stays in
    // the model; drawing it would add a box per kind.
    if (transition.type === 'declared') return !seenKinds.has(transition.from);
    if (!transition.safe || transition.type === 'effect') return true;
    if (transition.from === transition.to) return true;
    if (!transition.to) return true;
    if (reachedUnsafely.has(transition.to)) return false;
    return firstLink.get(transition.to) === transition.id || !visited.has(transition.to);
  });
}
