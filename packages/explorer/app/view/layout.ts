import { h } from './dom.js';
import { mapPanel } from './map-view.js';

/** The parts of the page the explorer fills in. */
export interface Layout {
  /** The trail's list. */
  trail: HTMLOListElement;
  /** Where the map of the trail is drawn. */
  map: HTMLElement;
  /** Where the outcome of the last submission or navigation is announced. */
  notice: HTMLElement;
  /** Where the resource goes. */
  resource: HTMLElement;
  /** The pane beside the resource, for CURIE documentation. */
  docs: HTMLElement;
  /** The main landmark. */
  main: HTMLElement;
  /** The dot in the service's colour, in the header. */
  serviceDot: HTMLElement;
}

/** What the header holds. */
export interface LayoutOptions {
  /** The page's origin. */
  origin: string;
  /** The service's name, when the server gave one. */
  serviceName: string;
  /** The credentials disclosure. */
  credentials: HTMLElement;
  /** The settings disclosure. */
  settings: HTMLElement;
  /** Called with the URL typed into the address field. */
  onAddress: (url: string) => void;
}

/**
 * Builds the page: a header (the service, an address field, credentials, settings), the trail
 * and its map, then the resource with the documentation pane beside it.
 */
export function createLayout(root: HTMLElement, options: LayoutOptions): Layout {
  const main = h('main', { id: 'content', tabindex: -1 });
  const notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const resource = h('div', { class: 'resource-slot' });
  main.append(notice, resource);
  const docs = h('aside', { class: 'docs', 'aria-labelledby': 'docs-title', hidden: true });
  const trail = h('ol', { class: 'trail-list' });
  const map = mapPanel();

  const skip = h('a', { href: '#content', class: 'skip-link' }, 'Skip to the resource');
  skip.addEventListener('click', (event) => {
    // Focus moves without a fragment navigation, which would add a history entry.
    event.preventDefault();
    main.focus();
  });
  const dot = h('span', { class: 'origin-dot', 'aria-hidden': 'true' });
  const address = h('input', {
    id: 'address',
    type: 'url',
    name: 'url',
    value: '',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const addressForm = h(
    'form',
    { class: 'address', role: 'search', 'aria-label': 'Open a URL' },
    h('label', { for: 'address' }, 'URL'),
    address,
    h('button', { type: 'submit' }, 'Open'),
  );
  addressForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = address.value.trim();
    if (value === '') return;
    options.onAddress(URL.canParse(value) ? value : new URL(value, `${options.origin}/`).href);
  });

  root.replaceChildren(
    h(
      'header',
      { class: 'top' },
      skip,
      h(
        'p',
        { class: 'brand' },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, '⇄'),
        ' Halway explorer',
      ),
      h(
        'p',
        { class: 'service' },
        dot,
        ' ',
        options.serviceName ? `${options.serviceName} · ` : '',
        h('span', { class: 'origin' }, options.origin),
      ),
      addressForm,
      h('div', { class: 'panels' }, options.credentials, options.settings),
    ),
    h(
      'nav',
      { class: 'trail', 'aria-label': 'Trail' },
      h('h2', { class: 'visually-hidden' }, 'Trail'),
      trail,
      map.panel,
    ),
    h('div', { class: 'columns' }, main, docs),
  );
  return { trail, map: map.slot, notice, resource, docs, main, serviceDot: dot };
}

/** Puts a URL in the address field. */
export function showAddress(url: string): void {
  const input = document.getElementById('address');
  if (input instanceof HTMLInputElement) input.value = url;
}
