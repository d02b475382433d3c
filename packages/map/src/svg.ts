import { instance } from '@viz-js/viz';
import { toDot } from './dot.js';
import type { WorkflowGraphOptions } from './graph.js';
import type { WorkflowMap } from './model.js';

let viz: ReturnType<typeof instance> | undefined;

/**
 * The map laid out by Graphviz (`dot`, compiled to WebAssembly by `@viz-js/viz`, so nothing
 * native is needed) as an SVG document. The WebAssembly module is loaded on first use.
 *
 * @example
 * await writeFile('map.svg', await renderSvg(map));
 */
export async function renderSvg(
  map: WorkflowMap,
  options: WorkflowGraphOptions = {},
): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(toDot(map, options), { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    const message = result.errors.map((error) => error.message).join('; ');
    throw new Error(`renderSvg(): Graphviz could not lay out the map: ${message}`);
  }
  return result.output;
}

/**
 * The map as one standalone HTML page: the picture, a legend, and each service's states with
 * the links and forms they offer. Nothing is loaded from elsewhere.
 */
export async function renderHtml(
  map: WorkflowMap,
  options: WorkflowGraphOptions = {},
): Promise<string> {
  const svg = (await renderSvg(map, options)).replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, '');
  const services = map.services
    .map((service) => {
      const states = map.states
        .filter((state) => state.service === service.id)
        .map(
          (state) =>
            `<li><strong>${escape(state.label)}</strong>: links ${escape(state.links.join(', ') || 'none')}; forms ${escape(state.forms.join(', ') || 'none')}</li>`,
        )
        .join('\n');
      return `<section><h2>${escape(service.id)}</h2><ul>${states}</ul></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Workflow map of ${escape(map.entry)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
svg { max-width: 100%; height: auto; }
.legend span { margin-right: 1.5rem; }
</style>
</head>
<body>
<h1>Workflow map</h1>
<p>From <code>${escape(map.entry)}</code>: ${map.services.length} services, ${map.states.length} states, ${map.transitions.length} transitions, ${map.documents} documents read${map.exercised ? ', forms exercised' : ''}.</p>
<p class="legend"><span style="color:#57606a">→ safe link</span><span style="color:#cf222e"><strong>→ unsafe form</strong></span><span style="color:#9a6700">⇢ effect elsewhere</span><span style="color:#8c959f">⇢ declared in a profile, not seen</span></p>
${svg}
${services}
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
