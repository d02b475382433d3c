import { workflowGraph, type EdgeStyle, type WorkflowGraphOptions } from './graph.js';
import type { WorkflowMap } from './model.js';

/** Colours of the services' boxes, in the order services appear (as the explorer's trail). */
export const SERVICE_COLOURS: readonly string[] = [
  '#1f6feb',
  '#8250df',
  '#1a7f37',
  '#bc4c00',
  '#bf3989',
  '#0a7e8c',
];

const EDGE_ATTRIBUTES: Record<EdgeStyle, string> = {
  safe: 'color="#57606a", fontcolor="#57606a"',
  unsafe: 'color="#cf222e", fontcolor="#cf222e", penwidth=1.8, arrowhead=normal',
  effect: 'color="#9a6700", fontcolor="#9a6700", style=dotted, penwidth=1.4',
  declared: 'color="#8c959f", fontcolor="#8c959f", style=dashed',
};

/**
 * The map in Graphviz DOT: one cluster (box) per service, a node per state, safe links in grey,
 * unsafe forms in bold red, effects on other resources dotted, transitions only declared in a
 * profile dashed. Each edge carries its kind and name as an SVG class (`unsafe pay`).
 *
 * @see https://graphviz.org/doc/info/lang.html
 */
export function toDot(map: WorkflowMap, options: WorkflowGraphOptions = {}): string {
  const graph = workflowGraph(map, options);
  const lines = [
    'digraph workflow {',
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.35, ranksep=0.8, pad=0.3];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
  ];
  graph.clusters.forEach((cluster, index) => {
    const colour = SERVICE_COLOURS[index % SERVICE_COLOURS.length]!;
    const body = cluster.nodes.map((node) => {
      const shape =
        node.shape === 'unknown'
          ? 'shape=circle, width=0.25, fixedsize=true, style=dashed'
          : node.shape === 'kind'
            ? `style="rounded,dashed", color="${colour}"`
            : `color="${colour}"`;
      return `    ${node.id} [label=${quote(node.label)}, ${shape}, class=${quote(node.shape)}];`;
    });
    if (!cluster.service) {
      lines.push(...body.map((line) => line.slice(2)));
      return;
    }
    lines.push(
      `  subgraph cluster_${index} {`,
      `    label=${quote(cluster.service)}; style="rounded"; color="${colour}"; fontcolor="${colour}"; class="service";`,
      ...body,
      '  }',
    );
  });
  for (const edge of graph.edges) {
    lines.push(
      `  ${edge.from} -> ${edge.to} [label=${quote(edge.label)}, ${EDGE_ATTRIBUTES[edge.style]}, class=${quote(`${edge.style} ${edge.name}`)}];`,
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A DOT string literal. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
