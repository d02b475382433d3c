import type { ExplorerActions } from '../context.js';
import { hopOrigin, type Trail, type TrailHop } from '../trail/trail.js';
import { h, replaceChildren, setHue } from './dom.js';

/** How a trail view sends the person back to a hop. */
export interface TrailNavigation {
  /** The href of a hop's link (a peer's hop carries the trail to that peer's explorer). */
  hrefOf(index: number): string | undefined;
  /** Goes back to a hop on this origin. */
  goTo(index: number): void;
}

/**
 * Draws the trail: one link per hop, with the service's origin in its colour, the rel or template
 * used, the method, status and time. The hop shown now is marked; the hops after it (left by
 * going back) are dimmed until a new step replaces them.
 */
export function renderTrail(
  list: HTMLOListElement,
  trail: Trail,
  actions: ExplorerActions,
  navigation: TrailNavigation,
): void {
  replaceChildren(
    list,
    trail.hops.map((hop, index) => {
      const item = h(
        'li',
        { class: index > trail.current ? 'hop ahead' : 'hop' },
        hopLink(hop, index, trail.current, actions, navigation),
      );
      setHue(item, actions.hue(hopOrigin(hop)));
      return item;
    }),
  );
  list.lastElementChild?.scrollIntoView?.({ block: 'nearest', inline: 'end' });
}

function hopLink(
  hop: TrailHop,
  index: number,
  current: number,
  actions: ExplorerActions,
  navigation: TrailNavigation,
): HTMLElement {
  const origin = hopOrigin(hop);
  const status = hop.status === undefined ? 'pending' : String(hop.status);
  const content = [
    h('span', { class: 'visually-hidden' }, `Hop ${index + 1}: `),
    h('span', { class: 'origin-dot', 'aria-hidden': 'true' }),
    h('span', { class: 'hop-origin' }, origin.replace(/^https?:\/\//, '')),
    h('span', { class: 'hop-label' }, hop.label),
    h(
      'span',
      { class: 'hop-meta' },
      `${hop.method} · `,
      h(
        'span',
        { class: hop.status !== undefined && hop.status >= 400 ? 'failed' : undefined },
        status,
      ),
      hop.ms === undefined ? '' : ` · ${hop.ms} ms`,
    ),
  ];
  const href = navigation.hrefOf(index);
  const title = `Hop ${index + 1}: ${hop.method} ${hop.url}`;
  if (!href) return h('span', { class: 'hop-link', title }, content);
  const anchor = h(
    'a',
    { href, class: 'hop-link', title, 'aria-current': index === current ? 'step' : undefined },
    content,
  );
  if (actions.target(hop.url).kind === 'here') {
    anchor.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      event.preventDefault();
      navigation.goTo(index);
    });
  }
  return anchor;
}
