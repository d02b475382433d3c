import { readHal, type HalReader, type ResolvedTemplate } from '@halway/hal';
import type { ExplorerActions } from '../context.js';
import { formView } from '../forms/form-view.js';
import type { Exchange } from '../http/exchange.js';
import { h, setHue } from './dom.js';
import { embeddedSection, resourceTitle } from './embedded.js';
import { linksTable } from './links.js';
import { pager } from './pager.js';
import { propertiesTable } from './properties.js';
import { exchangeSummary, problemView, responseDetails } from './response.js';

/** What the page shows: the last exchange for its URL, and a form handed over from another service. */
export interface ResourcePage {
  /** The request for the resource and its response. */
  exchange: Exchange;
  /** A template another service's page handed over, to send from here. */
  handed?: { template: ResolvedTemplate; from: string };
}

/**
 * The resource, "what you can do next" first: its forms and its links, then its properties,
 * its embedded resources and, last, the response itself (status, headers, time, raw body). A
 * problem+json answer is shown readably instead of properties.
 */
export function resourceView(page: ResourcePage, actions: ExplorerActions): HTMLElement {
  const { exchange } = page;
  const reader = readerOf(exchange);
  const title = reader ? resourceTitle(reader) : titleOfFailure(exchange);
  const origin = new URL(exchange.url).origin;
  const dot = h('span', { class: 'origin-dot', 'aria-hidden': 'true' });
  setHue(dot, actions.hue(origin));
  const children: (HTMLElement | null | undefined)[] = [
    h(
      'header',
      { class: 'resource-header' },
      h('h1', { id: 'resource-title', tabindex: -1 }, title),
      h(
        'p',
        { class: 'where' },
        dot,
        ' ',
        h('span', { class: 'visually-hidden' }, 'Service '),
        origin,
      ),
      exchangeSummary(exchange),
      reader ? pager(reader, actions) : undefined,
    ),
  ];
  if (page.handed) {
    children.push(
      h(
        'section',
        { class: 'next handed', 'aria-labelledby': 'handed-title' },
        h('h2', { id: 'handed-title' }, 'Form handed over'),
        formView(page.handed.template, actions, {
          level: 3,
          note: `Offered by ${page.handed.from}; sent from here, to this service.`,
        }),
      ),
    );
  }
  if (exchange.problem) children.push(problemView(exchange.problem, 2));
  if (reader) children.push(...resourceSections(reader, actions, 2));
  else if (!exchange.problem)
    children.push(
      h(
        'p',
        { class: 'empty' },
        exchange.json === undefined
          ? 'The body is not JSON: see the raw body below.'
          : 'The body is JSON but not a HAL document: see the raw body below.',
      ),
    );
  children.push(h('section', { class: 'response' }, responseDetails(exchange, 2)));
  return h('article', { class: 'resource', 'aria-labelledby': 'resource-title' }, children);
}

/** The sections of a resource: next steps (forms, links), properties, embedded resources. */
export function resourceSections(
  reader: HalReader,
  actions: ExplorerActions,
  level: number,
): HTMLElement[] {
  const heading = `h${Math.min(level, 6)}` as 'h2';
  const sub = `h${Math.min(level + 1, 6)}` as 'h3';
  const templates = reader.templates();
  const next = h(
    'section',
    { class: 'next' },
    h(heading, null, 'What you can do next'),
    templates.length > 0
      ? h(
          'div',
          { class: 'forms' },
          templates.map((template) => formView(template, actions, { level: level + 1 })),
        )
      : null,
    h(sub, null, 'Links'),
    linksTable(reader, actions, `Links of ${resourceTitle(reader)}`),
  );
  const sections = [
    next,
    h(
      'section',
      { class: 'properties-section' },
      h(heading, null, 'Properties'),
      propertiesTable(reader.properties, `Properties of ${resourceTitle(reader)}`),
    ),
  ];
  const embedded = embeddedSection(reader, actions, level, (item, itemLevel) =>
    resourceSections(item, actions, itemLevel),
  );
  if (embedded) sections.push(embedded);
  return sections;
}

/** The exchange's body as a HAL document, when it is a JSON object that is not a problem. */
export function readerOf(exchange: Exchange): HalReader | undefined {
  if (
    exchange.problem ||
    typeof exchange.json !== 'object' ||
    exchange.json === null ||
    Array.isArray(exchange.json)
  )
    return undefined;
  return readHal(exchange.json, exchange.url);
}

function titleOfFailure(exchange: Exchange): string {
  if (exchange.problem?.title) return exchange.problem.title;
  const url = new URL(exchange.url);
  return url.pathname + url.search;
}
