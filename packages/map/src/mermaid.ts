import { workflowGraph, type EdgeStyle, type WorkflowGraphOptions } from './graph.js';
import type { WorkflowMap } from './model.js';

const ARROWS: Record<EdgeStyle, (label: string) => string> = {
  safe: (label) => `-->|${label}|`,
  unsafe: (label) => `==>|${label}|`,
  effect: (label) => `-.->|${label}|`,
  declared: (label) => `-.->|${label}|`,
};

/**
 * The map as a Mermaid flowchart, for Markdown that renders it (GitHub, GitLab): one subgraph
 * per service, safe links as plain arrows, unsafe forms as thick ones, effects and declared
 * transitions dotted.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function toMermaid(map: WorkflowMap, options: WorkflowGraphOptions = {}): string {
  const graph = workflowGraph(map, options);
  const lines = ['flowchart LR'];
  graph.clusters.forEach((cluster, index) => {
    const nodes = cluster.nodes.map((node) => {
      const label = text(node.label);
      const box =
        node.shape === 'unknown'
          ? `((${label}))`
          : node.shape === 'kind'
            ? `[/${label}/]`
            : `(${label})`;
      return `    ${node.id}${box}`;
    });
    if (!cluster.service) lines.push(...nodes.map((line) => line.slice(2)));
    else lines.push(`  subgraph service${index}["${text(cluster.service)}"]`, ...nodes, '  end');
  });
  for (const edge of graph.edges) {
    lines.push(`  ${edge.from} ${ARROWS[edge.style](text(edge.label))} ${edge.to}`);
  }
  return lines.join('\n') + '\n';
}

// Mermaid labels in quotes take no quotes, brackets or pipes of their own.
function text(label: string): string {
  return `"${label.replace(/["|[\](){}]/g, ' ').trim()}"`;
}
