import { headerProblem, type CredentialStore } from '../credentials/store.js';
import { h, replaceChildren, uid } from './dom.js';

/**
 * The credentials disclosure: the request headers set for this origin (values masked), a form
 * to set one, and a button to remove each. It says plainly which origin they go to.
 */
export function credentialsPanel(store: CredentialStore, onChange: () => void): HTMLDetailsElement {
  const summary = h('summary', null);
  const list = h('div', { class: 'credential-list' });
  const nameId = uid('credential-name');
  const valueId = uid('credential-value');
  const suggestions = uid('credential-names');
  const name = h('input', {
    id: nameId,
    type: 'text',
    list: suggestions,
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  const value = h('input', { id: valueId, type: 'password', autocomplete: 'off', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'credential-form', novalidate: true, 'aria-label': 'Set a request header' },
    h('div', { class: 'field' }, h('label', { for: nameId }, 'Header name'), name),
    h(
      'datalist',
      { id: suggestions },
      h('option', { value: 'Authorization' }),
      h('option', { value: 'X-Api-Key' }),
    ),
    h('div', { class: 'field' }, h('label', { for: valueId }, 'Header value'), value),
    h('button', { type: 'submit', class: 'primary' }, 'Set header'),
    error,
  );
  const panel = h(
    'details',
    { class: 'credentials panel' },
    summary,
    h(
      'div',
      { class: 'panel-body' },
      h(
        'p',
        null,
        'Sent with every request to ',
        h('strong', { class: 'origin' }, store.origin),
        ' and to no other origin. Kept in this tab’s session storage for this origin only; never put in a URL.',
      ),
      list,
      form,
    ),
  );

  const refresh = () => {
    const entries = store.list();
    summary.textContent = entries.length === 0 ? 'Credentials' : `Credentials (${entries.length})`;
    replaceChildren(
      list,
      entries.length === 0
        ? h('p', { class: 'empty' }, 'No headers set for this origin.')
        : h(
            'ul',
            null,
            entries.map(([header]) => {
              const remove = h(
                'button',
                { type: 'button', class: 'small secondary', 'aria-label': `Remove ${header}` },
                'Remove',
              );
              remove.addEventListener('click', () => {
                store.remove(header);
                refresh();
                onChange();
                name.focus();
              });
              return h(
                'li',
                null,
                h('code', null, header),
                ': ',
                h('span', { class: 'masked' }, '••••••'),
                ' ',
                h('span', { class: 'note' }, `→ ${store.origin}`),
                ' ',
                remove,
              );
            }),
          ),
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = headerProblem(name.value, value.value);
    if (problem) {
      error.textContent = `${name.value.trim() || 'The header'} ${problem}.`;
      return;
    }
    store.set(name.value, value.value);
    error.textContent = '';
    name.value = '';
    value.value = '';
    refresh();
    onChange();
  });
  refresh();
  return panel;
}
