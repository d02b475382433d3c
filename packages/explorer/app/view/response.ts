import type { ProblemDocument } from '@halway/hal';
import { statusLine, type Exchange } from '../http/exchange.js';
import { h } from './dom.js';
import { propertiesTable } from './properties.js';

// Bodies longer than this are cut in the raw view: it is for reading, not for copying megabytes.
const MAX_RAW = 200_000;
const STANDARD = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/** One line about an exchange: method, URL, status, time and media type. */
export function exchangeSummary(exchange: Exchange): HTMLElement {
  const ok = exchange.status < 400;
  return h(
    'p',
    { class: 'exchange' },
    h(
      'span',
      { class: `method method-${exchange.request.method.toLowerCase()}` },
      exchange.request.method,
    ),
    ' ',
    h('code', { class: 'url' }, exchange.url),
    ' ',
    h('span', { class: `status ${ok ? 'ok' : 'failed'}` }, statusLine(exchange)),
    ' ',
    h('span', { class: 'time' }, `${exchange.ms} ms`),
    exchange.mediaType ? [' ', h('span', { class: 'badge' }, exchange.mediaType)] : null,
  );
}

/** The response's headers, the request as sent (credentials masked) and the raw body. */
export function responseDetails(exchange: Exchange, level: number): HTMLElement[] {
  const heading = `h${level}` as 'h2';
  return [
    h(heading, null, 'Response'),
    exchangeSummary(exchange),
    h(
      'details',
      { class: 'headers' },
      h('summary', null, `Response headers (${exchange.headers.length})`),
      headerTable(exchange.headers, 'Response headers', () => false),
    ),
    h(
      'details',
      { class: 'request' },
      h('summary', null, 'Request'),
      h('p', null, h('code', null, `${exchange.request.method} ${exchange.request.url}`)),
      headerTable(exchange.request.headers, 'Request headers', isCredential),
      exchange.request.body === undefined
        ? null
        : h('pre', { class: 'raw', tabindex: 0 }, h('code', null, exchange.request.body)),
    ),
    h(
      'details',
      { class: 'raw-body' },
      h('summary', null, 'Raw body'),
      h(
        'pre',
        { class: 'raw', tabindex: 0, 'aria-label': 'Raw body' },
        h('code', null, rawText(exchange)),
      ),
    ),
  ];
}

/** A problem+json answer, readably: title, status, detail, type, instance, field errors, extensions. */
export function problemView(problem: ProblemDocument, level: number): HTMLElement {
  const heading = `h${level}` as 'h2';
  const extensions = Object.entries(problem).filter(([name]) => !STANDARD.has(name));
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  return h(
    'section',
    { class: 'problem', 'aria-label': 'Problem' },
    h(heading, null, problem.title ?? 'Problem', problem.status ? ` (${problem.status})` : ''),
    problem.detail ? h('p', null, problem.detail) : null,
    h(
      'dl',
      null,
      problem.type ? [h('dt', null, 'Type'), h('dd', null, h('code', null, problem.type))] : null,
      problem.instance
        ? [h('dt', null, 'Instance'), h('dd', null, h('code', null, problem.instance))]
        : null,
    ),
    errors.length > 0
      ? h(
          'ul',
          { class: 'field-problems' },
          errors.map((error) =>
            h(
              'li',
              null,
              h('code', null, String(error.field ?? error.pointer ?? '')),
              ' ',
              String(error.detail ?? ''),
            ),
          ),
        )
      : null,
    extensions.length > 0
      ? propertiesTable(Object.fromEntries(extensions), 'Problem details')
      : null,
  );
}

function headerTable(
  headers: readonly [string, string][],
  caption: string,
  mask: (name: string) => boolean,
): HTMLElement {
  return h(
    'table',
    { class: 'header-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      null,
      h('tr', null, h('th', { scope: 'col' }, 'Header'), h('th', { scope: 'col' }, 'Value')),
    ),
    h(
      'tbody',
      null,
      headers.map(([name, value]) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, h('code', null, name)),
          h(
            'td',
            null,
            mask(name) ? h('span', { class: 'masked' }, '•••••• (from Credentials)') : value,
          ),
        ),
      ),
    ),
  );
}

function isCredential(name: string): boolean {
  const lower = name.toLowerCase();
  return !['accept', 'content-type', 'idempotency-key', 'prefer'].includes(lower);
}

function rawText(exchange: Exchange): string {
  const text = exchange.json === undefined ? exchange.text : JSON.stringify(exchange.json, null, 2);
  if (text === '') return '(empty body)';
  return text.length > MAX_RAW
    ? `${text.slice(0, MAX_RAW)}\n… (${text.length - MAX_RAW} more characters)`
    : text;
}
