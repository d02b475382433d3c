import { fieldOptions, isMultiValued, type FieldOption, type HalFormsProperty } from '@halway/hal';
import { h, replaceChildren, uid } from '../view/dom.js';
import {
  fieldNotes,
  labelContent,
  showFieldErrors,
  startingList,
  type FieldControl,
} from './field-frame.js';

// Up to this many options, a multi-valued field is a group of checkboxes; beyond, a list box.
const MAX_CHECKBOXES = 12;

/** Where a field's options come from when they are behind a link. */
export interface RemoteOptions {
  /** Resolves with the entries of the option list (rejects when it cannot be fetched). */
  load: Promise<readonly unknown[]>;
}

/**
 * A field with options, inline or fetched from its options link: radio buttons (`type: radio`) or
 * a drop-down for one value; checkboxes or a list box for several, within `minItems`/`maxItems`.
 * Prompts and values are read with the field's `promptField` and `valueField`.
 */
export function choiceField(property: HalFormsProperty, remote?: RemoteOptions): FieldControl {
  const notes = fieldNotes(property);
  const multiple = isMultiValued(property);
  const selected = new Set(startingList(property));
  const group = multiple || property.type === 'radio';
  const id = uid('field');
  const body = h('div', { class: 'choices' });
  const container = group
    ? h(
        'fieldset',
        {
          class: 'field group',
          role: multiple ? undefined : 'radiogroup',
          'aria-describedby': notes.describedBy,
        },
        h('legend', { id: `${id}-legend` }, labelContent(property)),
        body,
        notes.hint,
        notes.error,
      )
    : h(
        'div',
        { class: 'field' },
        h('label', { for: id }, labelContent(property)),
        body,
        notes.hint,
        notes.error,
      );

  let controls: HTMLElement[] = [];
  let read: () => string | string[] | undefined = () => undefined;
  let entries: readonly unknown[] | undefined;

  const build = (options: FieldOption[]) => {
    // Keep what the person chose so far when the list is rebuilt.
    const chosen = controls.length > 0 ? new Set(asList(read())) : selected;
    if (group && (!multiple || options.length <= MAX_CHECKBOXES)) {
      const name = uid('choice');
      const inputs = options.map((option) =>
        h('input', {
          type: multiple ? 'checkbox' : 'radio',
          name,
          value: String(option.value),
          checked: chosen.has(String(option.value)),
          disabled: property.readOnly === true,
          'aria-describedby': notes.describedBy,
        }),
      );
      replaceChildren(
        body,
        options.map((option, index) =>
          h('label', { class: 'choice' }, inputs[index], ` ${option.prompt}`),
        ),
      );
      controls = inputs;
      read = () => {
        const values = inputs.filter((input) => input.checked).map((input) => input.value);
        return multiple ? values : (values[0] ?? '');
      };
      return;
    }
    const select = h(
      'select',
      {
        id,
        multiple,
        size: multiple ? Math.min(options.length, 8) : undefined,
        required: property.required === true,
        disabled: property.readOnly === true,
        'aria-describedby': notes.describedBy,
        'aria-labelledby': group ? `${id}-legend` : undefined,
      },
      multiple ? null : h('option', { value: '' }, property.required ? '— choose —' : '— none —'),
      options.map((option) =>
        h(
          'option',
          { value: String(option.value), selected: chosen.has(String(option.value)) },
          option.prompt,
        ),
      ),
    );
    replaceChildren(body, select);
    controls = [select];
    read = () =>
      multiple ? [...select.selectedOptions].map((option) => option.value) : select.value;
  };

  build(remote ? [] : fieldOptions(property));
  if (remote) {
    body.setAttribute('aria-busy', 'true');
    const status = h('p', { class: 'hint', role: 'status' }, 'Loading options…');
    body.after(status);
    remote.load.then(
      (loaded) => {
        entries = loaded;
        build(fieldOptions(property, loaded));
        status.remove();
        body.removeAttribute('aria-busy');
      },
      (error: unknown) => {
        status.textContent =
          error instanceof Error ? error.message : 'The options could not be loaded.';
        body.removeAttribute('aria-busy');
      },
    );
  }

  return {
    property,
    element: container,
    hidden: false,
    read: () => read(),
    showErrors: (messages) => showFieldErrors(notes, controls, messages, property),
    focus: () => controls[0]?.focus(),
    remote: () => entries,
  };
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
