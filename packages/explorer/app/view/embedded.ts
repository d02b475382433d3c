import type { HalReader } from '@halway/hal';
import type { ExplorerActions } from '../context.js';
import { h } from './dom.js';
import { linkAnchor } from './link-anchor.js';

/** Renders the sections of an embedded resource (its forms, links, properties, embedded). */
export type SectionsRenderer = (reader: HalReader, level: number) => HTMLElement[];

// Past this many items, each item's details start closed.
const OPEN_ITEMS_UP_TO = 1;

/**
 * The embedded resources, one disclosure per rel. Each item shows its title and a link to open
 * it (to its own `self`, which may be on another service), and, collapsible, its own forms,
 * links, properties and embedded resources, all read against its own `self`.
 */
export function embeddedSection(
  reader: HalReader,
  actions: ExplorerActions,
  level: number,
  sections: SectionsRenderer,
): HTMLElement | undefined {
  const rels = reader.embeddedRels();
  if (rels.length === 0) return undefined;
  const heading = `h${Math.min(level, 6)}` as 'h2';
  return h(
    'section',
    { class: 'embedded' },
    h(heading, null, 'Embedded resources'),
    rels.map((rel) => {
      const items = reader.embedded(rel);
      return h(
        'details',
        { class: 'embedded-rel', open: true },
        h(
          'summary',
          null,
          h('code', { class: 'rel' }, rel),
          ` · ${items.length} item${items.length === 1 ? '' : 's'}`,
        ),
        h(
          'ol',
          { class: 'items' },
          items.map((item, index) =>
            h(
              'li',
              null,
              itemView(
                item,
                rel,
                actions,
                level + 1,
                sections,
                items.length <= OPEN_ITEMS_UP_TO && index === 0,
              ),
            ),
          ),
        ),
      );
    }),
  );
}

function itemView(
  item: HalReader,
  rel: string,
  actions: ExplorerActions,
  level: number,
  sections: SectionsRenderer,
  open: boolean,
): HTMLElement {
  const heading = `h${Math.min(level, 6)}` as 'h3';
  const title = resourceTitle(item);
  const self = item.self;
  return h(
    'article',
    { class: 'item' },
    h(
      'div',
      { class: 'item-header' },
      h(heading, null, title),
      self
        ? linkAnchor(
            actions,
            self,
            { label: rel, method: 'GET' },
            ['Open', h('span', { class: 'visually-hidden' }, ` ${title}`)],
            'button-link small',
          )
        : h('span', { class: 'note' }, 'no self link'),
    ),
    h(
      'details',
      { class: 'item-details', open },
      h(
        'summary',
        null,
        'Forms, links and properties',
        h('span', { class: 'visually-hidden' }, ` of ${title}`),
      ),
      sections(item, level + 1),
    ),
  );
}

/** A resource's title: its `title` or `name` property, else its URL's path. */
export function resourceTitle(reader: HalReader): string {
  const { title, name } = reader.properties;
  if (typeof title === 'string' && title.trim() !== '') return title;
  if (typeof name === 'string' && name.trim() !== '') return name;
  const url = new URL(reader.url);
  return url.pathname + url.search;
}
