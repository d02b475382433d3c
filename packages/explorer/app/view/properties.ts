import { h } from './dom.js';

// Deeper than this, a value is shown as JSON text rather than as nested tables.
const MAX_DEPTH = 6;
const OPEN_UP_TO = 3;

/**
 * A resource's properties as a table of names and values. Objects and arrays nest as tables of
 * their own inside a disclosure, open when small. Every value is text.
 */
export function propertiesTable(properties: Record<string, unknown>, caption: string): HTMLElement {
  const names = Object.keys(properties);
  if (names.length === 0) return h('p', { class: 'empty' }, 'No properties.');
  return entriesTable(Object.entries(properties), caption, 0, 'Name');
}

function entriesTable(
  entries: [string, unknown][],
  caption: string,
  depth: number,
  keyHeading: string,
): HTMLTableElement {
  return h(
    'table',
    { class: depth === 0 ? 'properties' : 'properties nested' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      null,
      h('tr', null, h('th', { scope: 'col' }, keyHeading), h('th', { scope: 'col' }, 'Value')),
    ),
    h(
      'tbody',
      null,
      entries.map(([name, value]) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, h('code', null, name)),
          h('td', null, valueView(value, `${caption} › ${name}`, depth)),
        ),
      ),
    ),
  );
}

function valueView(value: unknown, caption: string, depth: number): Node {
  if (value === null) return h('span', { class: 'value null' }, 'null');
  if (typeof value === 'string') return h('span', { class: 'value string' }, value);
  if (typeof value === 'number') return h('span', { class: 'value number' }, String(value));
  if (typeof value === 'boolean') return h('span', { class: 'value boolean' }, String(value));
  // JSON has no other scalars; anything else is named by its type.
  if (typeof value !== 'object') return h('span', { class: 'value' }, typeof value);
  if (depth >= MAX_DEPTH) return h('code', { class: 'value json' }, JSON.stringify(value));
  const isList = Array.isArray(value);
  const entries: [string, unknown][] = isList
    ? value.map((entry, index) => [String(index), entry])
    : Object.entries(value);
  if (entries.length === 0)
    return h('span', { class: 'value empty-value' }, isList ? '[ ]' : '{ }');
  const summary = isList
    ? `list of ${entries.length} item${entries.length === 1 ? '' : 's'}`
    : `object with ${entries.length} member${entries.length === 1 ? '' : 's'}`;
  return h(
    'details',
    { class: 'nested-value', open: entries.length <= OPEN_UP_TO },
    h('summary', null, summary),
    entriesTable(entries, caption, depth + 1, isList ? 'Index' : 'Name'),
  );
}
