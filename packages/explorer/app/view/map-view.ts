import { layoutColumns } from '@halway/map/layout';
import type { ExplorerActions } from '../context.js';
import type { TrailMap } from '../trail/trail-map.js';
import { h, replaceChildren, setHue } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The "Map" disclosure: the services the trail has crossed, each a box in its own colour, the
 * resources visited in it and the steps between them (unsafe ones bold), with the resource shown
 * now highlighted. Drawn in SVG by the browser, laid out without Graphviz.
 */
export function mapPanel(): { panel: HTMLDetailsElement; slot: HTMLElement } {
  const slot = h('div', { class: 'map-slot' });
  const panel = h('details', { class: 'map-panel' }, h('summary', null, 'Map'), slot);
  panel.addEventListener('toggle', () => {
    if (panel.open) pending.get(slot)?.();
  });
  return { panel, slot };
}

// The drawing waiting for its panel to open: a closed map costs nothing on each step.
const pending = new WeakMap<HTMLElement, () => void>();

/** Draws the map of the trail into its slot, now if its panel is open, else when it opens. */
export function renderMap(slot: HTMLElement, map: TrailMap, actions: ExplorerActions): void {
  const draw = () => {
    pending.delete(slot);
    drawMap(slot, map, actions);
  };
  if (slot.closest('details')?.open) draw();
  else {
    slot.replaceChildren();
    pending.set(slot, draw);
  }
}

function drawMap(slot: HTMLElement, map: TrailMap, actions: ExplorerActions): void {
  const layout = layoutColumns(map.graph);
  const services = map.graph.clusters.length;
  const resources = layout.nodes.length;
  const title = `Map of the trail: ${services} ${services === 1 ? 'service' : 'services'}, ${resources} ${resources === 1 ? 'resource' : 'resources'}`;
  const picture = svg('svg', {
    role: 'img',
    'aria-label': title,
    viewBox: `-4 -4 ${layout.width + 140} ${layout.height + 8}`,
    width: String(layout.width + 140),
    height: String(layout.height + 8),
    class: 'map',
  });
  const defs = svg('defs');
  for (const style of ['safe', 'unsafe']) {
    const marker = svg('marker', {
      id: `map-arrow-${style}`,
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '7',
      markerHeight: '7',
      orient: 'auto-start-reverse',
    });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrow ${style}` }));
    defs.append(marker);
  }
  picture.append(defs);
  layout.clusters.forEach((cluster, column) => {
    const group = svg('g', { class: 'map-service' });
    setHue(group, actions.hue(map.origins.get(cluster.service) ?? ''));
    group.append(
      svg('rect', {
        x: cluster.x,
        y: cluster.y,
        width: cluster.width,
        height: cluster.height,
        rx: 8,
      }),
      text(cluster.x + cluster.width / 2, 15, cluster.service, 'middle', 'map-service-name'),
    );
    for (const node of layout.nodes.filter((entry) => entry.column === column)) {
      const current = node.id === map.current;
      const box = svg('g', { class: current ? 'map-node current' : 'map-node' });
      if (current) box.setAttribute('aria-current', 'location');
      box.append(
        svg('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: 6 }),
        text(node.x + node.width / 2, node.y + node.height / 2 + 4, node.label, 'middle'),
      );
      group.append(box);
    }
    picture.append(group);
  });
  for (const edge of layout.edges) {
    const group = svg('g', { class: `map-edge ${edge.style}` });
    group.append(
      svg('path', { d: edge.path, 'marker-end': `url(#map-arrow-${edge.style})` }),
      text(edge.labelX, edge.labelY, edge.label, edge.labelAnchor),
    );
    picture.append(group);
  }
  replaceChildren(slot, picture);
}

function text(
  x: number,
  y: number,
  content: string,
  anchor: string,
  className?: string,
): SVGElement {
  const element = svg('text', {
    x,
    y,
    'text-anchor': anchor,
    ...(className ? { class: className } : {}),
  });
  element.textContent = content;
  return element;
}

// SVG elements, built like h() builds HTML: attribute values only, never markup or handlers.
function svg(tag: string, attributes: Record<string, string | number> = {}): SVGElement {
  const element: SVGElement = document.createElementNS(SVG, tag as keyof SVGElementTagNameMap);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.toLowerCase().startsWith('on') || name === 'style' || name === 'href')
      throw new TypeError(`svg(): the attribute ${name} is never set`);
    element.setAttribute(name, String(value));
  }
  return element;
}
