import type { HalReader } from '@halway/hal';
import type { ExplorerActions } from '../context.js';
import { h } from './dom.js';
import { linkAnchor } from './link-anchor.js';

/** The navigation rels promoted to the toolbar, in the order they are shown, with their labels. */
export const NAVIGATION_RELS: readonly (readonly [rel: string, label: string, arrow: string])[] = [
  ['first', 'First', '«'],
  ['prev', 'Previous', '‹'],
  ['previous', 'Previous', '‹'],
  ['up', 'Up', '↑'],
  ['collection', 'Collection', '↑'],
  ['next', 'Next', '›'],
  ['last', 'Last', '»'],
];

/** A toolbar of the resource's navigation links (`first`, `prev`, `up`, `collection`, `next`, `last`). */
export function pager(reader: HalReader, actions: ExplorerActions): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  for (const [rel, label, arrow] of NAVIGATION_RELS) {
    const link = reader.link(rel);
    if (!link || link.templated) continue;
    const anchor = linkAnchor(
      actions,
      link.href,
      { label: rel, method: 'GET', deprecation: link.deprecation },
      // Arrows point the way they lead: before the label going back, after it going on.
      rel === 'next' || rel === 'last'
        ? [`${label} `, h('span', { 'aria-hidden': 'true' }, arrow)]
        : [h('span', { 'aria-hidden': 'true' }, arrow), ` ${label}`],
      'button-link',
    );
    if (link.title) anchor.setAttribute('title', link.title);
    items.push(h('li', null, anchor));
  }
  if (items.length === 0) return undefined;
  return h('nav', { class: 'pager', 'aria-label': 'Navigation links' }, h('ul', null, items));
}
