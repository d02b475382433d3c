import { coerceFormValues, encodeForm, type FormRequest, type ResolvedTemplate } from '@halway/hal';
import type { ExplorerActions } from '../context.js';
import { append, h, uid } from '../view/dom.js';
import { targetNote } from '../view/link-anchor.js';
import { promptOf, startingList, startingText, type FieldControl } from './field-frame.js';
import { renderField } from './fields.js';
import { checkForm, placeProblems } from './model.js';
import { remoteOptionsOf } from './remote-options.js';

const SAFE_METHODS = new Set(['GET']);

/** Where a form is shown, and what it says about where it came from. */
export interface FormViewOptions {
  /** The heading level of the form's title (2 to 6). */
  level: number;
  /** A note shown under the title, e.g. that the form was handed over from another service. */
  note?: string;
}

/**
 * A HAL-FORMS template as an inline form. On submit the values are typed and checked with the
 * shared form model (messages at the fields), encoded per method and `contentType`, and sent:
 * a GET is a navigation, a DELETE asks for confirmation first, and while a request is in flight
 * the form cannot be sent again. A problem+json answer puts its field errors at the fields.
 */
export function formView(
  template: ResolvedTemplate,
  actions: ExplorerActions,
  options: FormViewOptions,
): HTMLElement {
  const titleId = uid('form-title');
  const heading = h(
    `h${Math.min(Math.max(options.level, 2), 6)}` as 'h3',
    { id: titleId, class: 'form-title' },
    h('span', { class: `method method-${template.method.toLowerCase()}` }, template.method),
    ' ',
    template.title,
  );
  const target = h(
    'p',
    { class: 'target' },
    h('code', null, template.target),
    ' ',
    template.method === 'GET' || template.method === 'DELETE' ? 'query' : template.contentType,
  );
  if (!template.targetTemplated) {
    const note = targetNote(actions, template.target);
    if (note) target.append(' ', note);
  }
  const header = [heading, options.note ? h('p', { class: 'note' }, options.note) : null, target];

  if (!template.targetTemplated && !SAFE_METHODS.has(template.method)) {
    const where = actions.target(template.target);
    if (where.kind !== 'here') return handOverCard(template, actions, titleId, header);
  }

  const starting: Record<string, unknown> = {};
  for (const property of template.properties)
    starting[property.name] = property.options ? startingList(property) : startingText(property);
  const fields = template.properties.map((property) =>
    renderField(property, remoteOptionsOf(property, starting, actions, template.base)),
  );
  const hidden = fields.filter((field) => field.hidden);
  const summary = h('div', { class: 'form-errors', role: 'alert' });
  const submit = h(
    'button',
    { type: 'submit', class: template.method === 'DELETE' ? 'danger' : 'primary' },
    submitLabel(template.method),
  );
  const form = h(
    'form',
    { class: 'form-card', 'aria-labelledby': titleId, novalidate: true },
    header,
    fields.map((field) => field.element),
    hidden.length > 0
      ? h(
          'p',
          { class: 'hint' },
          `Also sends: ${hidden.map((field) => `${field.property.name} = ${String(field.read())}`).join(', ')}`,
        )
      : null,
    h('div', { class: 'actions' }, submit),
    summary,
  );

  let inFlight = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (inFlight) return;
    inFlight = true;
    submit.disabled = true;
    void send(template, fields, actions, summary).finally(() => {
      inFlight = false;
      if (submit.isConnected) submit.disabled = false;
    });
  });
  return form;
}

async function send(
  template: ResolvedTemplate,
  fields: readonly FieldControl[],
  actions: ExplorerActions,
  summary: HTMLElement,
): Promise<void> {
  for (const field of fields) field.showErrors([]);
  summary.replaceChildren();
  const raw = Object.fromEntries(fields.map((field) => [field.property.name, field.read()]));
  const remote: Record<string, readonly unknown[]> = {};
  for (const field of fields) {
    const entries = field.remote();
    if (entries) remote[field.property.name] = entries;
  }
  let values: Record<string, unknown>;
  if (actions.settings.validate) {
    const checked = checkForm(template, raw, remote);
    if (checked.errors.length > 0) {
      const byField = new Map<string, string[]>();
      for (const error of checked.errors)
        byField.set(error.field, [...(byField.get(error.field) ?? []), error.message]);
      showProblems(fields, byField, [], summary, 'Nothing was sent: some values need attention.');
      return;
    }
    values = checked.values;
  } else {
    values = coerceFormValues(template.properties, raw, remote);
  }

  let request: FormRequest;
  try {
    request = encodeForm(template, values);
  } catch {
    summary.append(h('p', null, 'These values do not make a valid target URL.'));
    return;
  }
  if (request.method === 'GET') {
    actions.go(request.url, { label: template.name, method: 'GET' });
    return;
  }
  const where = actions.target(request.url);
  if (where.kind !== 'here') {
    summary.append(
      h(
        'p',
        null,
        `This form’s target is on ${where.origin || request.url}: the explorer only sends requests to its own origin.`,
      ),
    );
    return;
  }
  if (
    request.method === 'DELETE' &&
    !(await actions.confirm(
      `${template.title}?`,
      `This sends DELETE ${request.url}.`,
      `Send DELETE`,
    ))
  )
    return;
  const result = await actions.submit(template, request);
  if (result.problem) {
    const placed = placeProblems(result.problem, template);
    const heading = [result.problem.title, result.problem.detail].filter(Boolean).join(': ');
    showProblems(
      fields,
      placed.byField,
      placed.other,
      summary,
      heading || `Status ${result.status}`,
    );
  }
}

function showProblems(
  fields: readonly FieldControl[],
  byField: ReadonlyMap<string, string[]>,
  other: readonly string[],
  summary: HTMLElement,
  heading: string,
): void {
  const rest = [...other];
  let first: FieldControl | undefined;
  for (const field of fields) {
    const messages = byField.get(field.property.name) ?? [];
    if (messages.length === 0) continue;
    if (field.hidden)
      rest.push(...messages.map((message) => `${promptOf(field.property)} ${message}`));
    else {
      field.showErrors(messages);
      first ??= field;
    }
  }
  append(summary, [
    h('p', null, heading),
    rest.length > 0
      ? h(
          'ul',
          null,
          rest.map((message) => h('li', null, message)),
        )
      : null,
  ]);
  first?.focus();
}

function handOverCard(
  template: ResolvedTemplate,
  actions: ExplorerActions,
  titleId: string,
  header: (HTMLElement | null)[],
): HTMLElement {
  const where = actions.target(template.target);
  const href = actions.handOverHref(template);
  return h(
    'section',
    { class: 'form-card hand-over', 'aria-labelledby': titleId },
    header,
    h(
      'p',
      null,
      `This form is sent to another service (${where.origin || template.target}). The explorer sends requests only to its own origin, so the form opens in that service’s explorer.`,
    ),
    href
      ? handOverLink(href, template, actions, where.origin)
      : h(
          'p',
          { class: 'note' },
          'That origin is not a known Halway service: send this form with another tool.',
        ),
    h(
      'p',
      { class: 'hint' },
      `Fields: ${template.properties.map((property) => promptOf(property)).join(', ') || 'none'}`,
    ),
  );
}

function handOverLink(
  href: string,
  template: ResolvedTemplate,
  actions: ExplorerActions,
  origin: string,
): HTMLElement {
  const link = h('a', { href, class: 'button-link primary' }, `Fill it in on ${origin}`);
  // The trail may have grown since the page was drawn: hand it over as it is now.
  link.addEventListener('click', () => {
    link.href = actions.handOverHref(template) ?? link.href;
  });
  return link;
}

function submitLabel(method: string): string {
  if (method === 'GET') return 'Go';
  if (method === 'DELETE') return 'Send DELETE…';
  return `Send ${method}`;
}
