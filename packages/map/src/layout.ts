import type { EdgeStyle, GraphNode, WorkflowGraph } from './graph.js';

/** A box placed in the picture. */
export interface PlacedBox {
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
}

/** A node with its place. */
export type PlacedNode = GraphNode & PlacedBox & { /** Its cluster's index. */ column: number };

/** An edge with its path (SVG path data) and where its label goes. */
export interface PlacedEdge {
  /** The node it starts at. */
  from: string;
  /** The node it ends at. */
  to: string;
  /** Its text. */
  label: string;
  /** How it is drawn. */
  style: EdgeStyle;
  /** SVG path data, from the start box's side to the end box's. */
  path: string;
  /** Where the label's middle goes. */
  labelX: number;
  /** Where the label's baseline goes. */
  labelY: number;
  /** Whether `labelX` is the label's `start` or its `middle` (SVG `text-anchor`). */
  labelAnchor: 'start' | 'middle';
}

/** A whole picture, laid out. */
export interface GraphLayout {
  /** Total width. */
  width: number;
  /** Total height. */
  height: number;
  /** One box per service, left to right. */
  clusters: (PlacedBox & { service: string })[];
  /** The nodes. */
  nodes: PlacedNode[];
  /** The edges. */
  edges: PlacedEdge[];
}

const NODE_HEIGHT = 28;
const GAP = 14;
const PADDING = 12;
const HEADER = 22;
const COLUMN_GAP = 90;
const CHAR_WIDTH = 6.6;

/**
 * A small layout with no Graphviz, for the browser: one column per service (in the graph's
 * order), its nodes stacked in their order, edges as curves between the boxes' sides (an arc
 * beside the column within one service, a loop for a node to itself). Good for the few dozen
 * nodes of a trail; `renderSvg` lays out a whole map better.
 *
 * @example
 * const layout = layoutColumns(workflowGraph(map));
 */
export function layoutColumns(graph: WorkflowGraph): GraphLayout {
  const nodes: PlacedNode[] = [];
  const clusters: GraphLayout['clusters'] = [];
  let x = 0;
  let height = 0;
  graph.clusters.forEach((cluster, column) => {
    const labels = [cluster.service, ...cluster.nodes.map((node) => node.label)];
    const width = Math.min(
      260,
      Math.max(110, ...labels.map((label) => label.length * CHAR_WIDTH + 24)),
    );
    let y = HEADER + PADDING;
    for (const node of cluster.nodes) {
      nodes.push({ ...node, column, x: x + PADDING, y, width, height: NODE_HEIGHT });
      y += NODE_HEIGHT + GAP;
    }
    const box = {
      service: cluster.service,
      x,
      y: 0,
      width: width + 2 * PADDING,
      height: y - GAP + PADDING,
    };
    clusters.push(box);
    height = Math.max(height, box.height);
    x += box.width + COLUMN_GAP;
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges = graph.edges.flatMap((edge): PlacedEdge[] => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) return [];
    return [{ ...edge, ...route(from, to) }];
  });
  return { width: Math.max(0, x - COLUMN_GAP), height, clusters, nodes, edges };
}

function route(
  from: PlacedNode,
  to: PlacedNode,
): Pick<PlacedEdge, 'path' | 'labelX' | 'labelY' | 'labelAnchor'> {
  const middle = (node: PlacedNode) => node.y + node.height / 2;
  if (from.id === to.id) {
    const right = from.x + from.width;
    const y = middle(from);
    return {
      path: `M${right},${y - 6} C${right + 30},${y - 26} ${right + 30},${y + 26} ${right},${y + 6}`,
      labelX: right + 34,
      labelY: y + 4,
      labelAnchor: 'start',
    };
  }
  if (from.column === to.column) {
    const right = from.x + from.width;
    const [y1, y2] = [middle(from), middle(to)];
    const bulge = 24 + Math.min(40, Math.abs(y2 - y1) / 4);
    return {
      path: `M${right},${y1} C${right + bulge},${y1} ${right + bulge},${y2} ${right},${y2}`,
      labelX: right + bulge + 4,
      labelY: (y1 + y2) / 2 + 4,
      labelAnchor: 'start',
    };
  }
  const forward = to.column > from.column;
  const x1 = forward ? from.x + from.width : from.x;
  const x2 = forward ? to.x : to.x + to.width;
  const [y1, y2] = [middle(from), middle(to)];
  const pull = Math.abs(x2 - x1) / 2;
  const c1 = forward ? x1 + pull : x1 - pull;
  const c2 = forward ? x2 - pull : x2 + pull;
  // The label sits two thirds along, nearer where the edge arrives, so that the labels of
  // edges leaving one box do not pile up at its side.
  const t = 2 / 3;
  const along = (a: number, b: number, c: number, d: number) =>
    (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d;
  return {
    path: `M${x1},${y1} C${c1},${y1} ${c2},${y2} ${x2},${y2}`,
    labelX: along(x1, c1, c2, x2),
    labelY: along(y1, y1, y2, y2) - 4,
    labelAnchor: 'middle',
  };
}
