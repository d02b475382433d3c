import { isBoolean, type HalFormsProperty } from '@halway/hal';
import { h, uid } from '../view/dom.js';
import { choiceField, type RemoteOptions } from './choice-field.js';
import {
  fieldNotes,
  labelContent,
  showFieldErrors,
  startingText,
  type FieldControl,
} from './field-frame.js';

// The HAL-FORMS types an <input> shows as they are; anything else is a text input.
const INPUT_TYPES = new Set([
  'text',
  'search',
  'tel',
  'url',
  'email',
  'password',
  'date',
  'month',
  'week',
  'time',
  'datetime-local',
  'number',
  'range',
  'color',
]);

/**
 * The control for one HAL-FORMS property: a hidden input, a textarea (`rows`, `cols`), a checkbox
 * for a yes/no field, radio buttons, a drop-down, checkboxes or a list box for fields with
 * options, and an HTML input of the property's type otherwise, with `placeholder`, `min`, `max`,
 * `step`, `readOnly` and the starting `value`. The constraints are checked by the form model,
 * not by the browser, so that every message is the one the server would give.
 */
export function renderField(property: HalFormsProperty, remote?: RemoteOptions): FieldControl {
  if (property.type === 'hidden') return hiddenField(property);
  if (property.options) return choiceField(property, remote);
  if (isBoolean(property)) return checkboxField(property);
  return textField(property);
}

function hiddenField(property: HalFormsProperty): FieldControl {
  const input = h('input', { type: 'hidden', name: property.name, value: startingText(property) });
  return {
    property,
    element: input,
    hidden: true,
    read: () => input.value,
    showErrors: () => undefined,
    focus: () => undefined,
    remote: () => undefined,
  };
}

function checkboxField(property: HalFormsProperty): FieldControl {
  const notes = fieldNotes(property);
  const id = uid('field');
  const input = h('input', {
    id,
    type: 'checkbox',
    name: property.name,
    checked: property.value === true || property.value === 'true',
    disabled: property.readOnly === true,
    'aria-describedby': notes.describedBy,
  });
  const element = h(
    'div',
    { class: 'field checkbox' },
    input,
    ' ',
    h('label', { for: id }, labelContent(property)),
    notes.hint,
    notes.error,
  );
  return {
    property,
    element,
    hidden: false,
    read: () => input.checked,
    showErrors: (messages) => showFieldErrors(notes, [input], messages, property),
    focus: () => input.focus(),
    remote: () => undefined,
  };
}

function textField(property: HalFormsProperty): FieldControl {
  const notes = fieldNotes(property);
  const id = uid('field');
  const common = {
    id,
    name: property.name,
    placeholder: property.placeholder,
    required: property.required === true,
    readonly: property.readOnly === true,
    'aria-describedby': notes.describedBy,
  };
  let control: HTMLInputElement | HTMLTextAreaElement;
  if (property.type === 'textarea') {
    control = h('textarea', { ...common, rows: property.rows, cols: property.cols });
  } else {
    const type = INPUT_TYPES.has(property.type ?? 'text') ? (property.type ?? 'text') : 'text';
    control = h('input', {
      ...common,
      type,
      min: property.min,
      max: property.max,
      // Without a step, a number field would take only whole numbers from its arrows and checks.
      step: property.step ?? (type === 'number' ? 'any' : undefined),
      autocomplete: type === 'password' ? 'off' : undefined,
    });
  }
  control.value = startingText(property);
  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, labelContent(property)),
    control,
    property.type === 'file'
      ? h('p', { class: 'hint' }, 'Files cannot be sent as JSON or urlencoded: type the value.')
      : null,
    notes.hint,
    notes.error,
  );
  return {
    property,
    element,
    hidden: false,
    read: () => control.value,
    showErrors: (messages) => showFieldErrors(notes, [control], messages, property),
    focus: () => control.focus(),
    remote: () => undefined,
  };
}
