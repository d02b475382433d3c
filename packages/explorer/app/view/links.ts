import { expandLink, uriTemplateVariables, type HalReader, type ResolvedLink } from '@halway/hal';
import type { ExplorerActions } from '../context.js';
import { h, uid } from './dom.js';
import { linkAnchor, targetNote } from './link-anchor.js';

/**
 * The resource's links as a table: rel (with its documentation for a CURIE), the link (its title,
 * name and href, or a small form for a templated link's variables), and its type, profile and
 * deprecation.
 */
export function linksTable(
  reader: HalReader,
  actions: ExplorerActions,
  caption: string,
): HTMLElement {
  const links = reader.links();
  if (links.length === 0) return h('p', { class: 'empty' }, 'No links.');
  return h(
    'table',
    { class: 'links' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Rel'),
        h('th', { scope: 'col' }, 'Link'),
        h('th', { scope: 'col' }, 'Details'),
      ),
    ),
    h(
      'tbody',
      null,
      links.map((link) => linkRow(reader, link, actions)),
    ),
  );
}

function linkRow(reader: HalReader, link: ResolvedLink, actions: ExplorerActions): HTMLElement {
  const docs = reader.curieDocumentation(link.rel);
  const relCell = h('td', null, h('code', { class: 'rel' }, link.rel));
  if (docs !== undefined) {
    const button = h(
      'button',
      { type: 'button', class: 'small' },
      'Docs',
      h('span', { class: 'visually-hidden' }, ` for ${link.rel}`),
    );
    button.addEventListener('click', () => actions.showDocs(link.rel, docs));
    relCell.append(' ', button);
  }
  return h(
    'tr',
    { class: link.deprecation ? 'deprecated' : undefined },
    relCell,
    h('td', null, link.templated ? templatedLink(link, actions) : plainLink(link, actions)),
    h('td', null, details(link)),
  );
}

function plainLink(link: ResolvedLink, actions: ExplorerActions): HTMLElement[] {
  const step = { label: link.rel, method: 'GET', deprecation: link.deprecation };
  const text = link.title ?? link.href;
  const parts: HTMLElement[] = [linkAnchor(actions, link.href, step, text)];
  if (link.title !== undefined) parts.push(h('code', { class: 'href' }, link.href));
  if (link.name !== undefined) parts.push(h('span', { class: 'badge' }, `name: ${link.name}`));
  const note = targetNote(actions, link.href);
  if (note) parts.push(note);
  return parts;
}

function templatedLink(link: ResolvedLink, actions: ExplorerActions): HTMLElement {
  let variables: string[];
  try {
    variables = uriTemplateVariables(link.href);
  } catch {
    return h(
      'span',
      { class: 'blocked' },
      link.href,
      ' ',
      h('em', null, '(not a valid URI template)'),
    );
  }
  const inputs = new Map<string, HTMLInputElement>();
  const form = h('form', { class: 'template-link', novalidate: true });
  form.append(
    h('span', { class: 'title' }, link.title ?? link.rel),
    h('code', { class: 'href' }, link.href),
  );
  for (const name of variables) {
    const id = uid('var');
    const input = h('input', { id, name, type: 'text', autocomplete: 'off' });
    inputs.set(name, input);
    form.append(h('span', { class: 'variable' }, h('label', { for: id }, name), input));
  }
  const go = h('button', { type: 'submit', class: 'small' }, 'Go');
  go.setAttribute('aria-label', `Go to ${link.title ?? link.rel}`);
  const error = h('p', { class: 'error', role: 'alert' });
  form.append(go, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [name, input] of inputs) if (input.value !== '') values[name] = input.value;
    let url: string;
    try {
      url = expandLink(link, values);
    } catch {
      error.textContent = 'These values do not make a URL.';
      return;
    }
    error.textContent = '';
    actions.go(url, { label: link.rel, method: 'GET', deprecation: link.deprecation });
  });
  return form;
}

function details(link: ResolvedLink): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (link.templated) parts.push(h('span', { class: 'badge' }, 'templated'));
  if (link.type !== undefined) parts.push(h('span', { class: 'badge' }, `type: ${link.type}`));
  if (link.profile !== undefined)
    parts.push(h('span', { class: 'badge' }, `profile: ${link.profile}`));
  if (link.hreflang !== undefined)
    parts.push(h('span', { class: 'badge' }, `hreflang: ${link.hreflang}`));
  if (link.deprecation !== undefined)
    parts.push(h('span', { class: 'badge warning' }, `deprecated: ${link.deprecation}`));
  return parts;
}
