import { isDateLike, isMultiValued, isNumeric, type HalFormsProperty } from '@halway/hal';
import { h, uid } from '../view/dom.js';

/** One field of a form as the form sees it: its control, how to read it, and where errors go. */
export interface FieldControl {
  /** The HAL-FORMS property it stands for. */
  property: HalFormsProperty;
  /** What is put in the form. */
  element: HTMLElement;
  /** Whether the field is hidden (its errors are shown with the form's). */
  hidden: boolean;
  /** The field's raw value, as the controls hold it. */
  read(): string | boolean | string[] | undefined;
  /** Shows messages at the field (none clears them). */
  showErrors(messages: readonly string[]): void;
  /** Moves the focus to the field. */
  focus(): void;
  /** The entries of an option list fetched from the field's options link, once fetched. */
  remote(): readonly unknown[] | undefined;
}

/** The label text of a field: its prompt, else its name. */
export function promptOf(property: HalFormsProperty): string {
  return typeof property.prompt === 'string' && property.prompt !== ''
    ? property.prompt
    : property.name;
}

/** The label's content: the prompt, and a visible "required" marker. */
export function labelContent(property: HalFormsProperty): (string | HTMLElement)[] {
  return property.required
    ? [promptOf(property), ' ', h('span', { class: 'required' }, '(required)')]
    : [promptOf(property)];
}

/** The ids a field's hint and error carry, and their elements. */
export interface FieldNotes {
  /** `aria-describedby` for the control. */
  describedBy: string;
  /** The hint: the constraints the template declares, in words. */
  hint: HTMLElement | undefined;
  /** Where messages go. */
  error: HTMLElement;
}

/** Creates the hint and error of a field. */
export function fieldNotes(property: HalFormsProperty): FieldNotes {
  const text = constraintHint(property);
  const hintId = uid('hint');
  const errorId = uid('error');
  const hint = text === '' ? undefined : h('p', { class: 'hint', id: hintId }, text);
  const error = h('p', { class: 'error', id: errorId, hidden: true });
  return { describedBy: hint ? `${hintId} ${errorId}` : errorId, hint, error };
}

/** Writes messages into a field's error element and marks its controls invalid (or not). */
export function showFieldErrors(
  notes: FieldNotes,
  controls: readonly HTMLElement[],
  messages: readonly string[],
  property: HalFormsProperty,
): void {
  const prompt = promptOf(property);
  // The form model's messages follow the prompt ("must be at most 10"); a server may send whole
  // sentences ("Card declined"), which stand alone.
  notes.error.textContent = messages
    .map((message) => (/^[a-z]/.test(message) ? `${prompt} ${message}` : message))
    .join('. ');
  notes.error.hidden = messages.length === 0;
  for (const control of controls) {
    if (messages.length > 0) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
}

/** The constraints of a field in words: range, step, lengths, pattern, selections, read-only. */
export function constraintHint(property: HalFormsProperty): string {
  const parts: string[] = [];
  const { min, max, minLength, maxLength, step, regex } = property;
  if (isNumeric(property) || isDateLike(property)) {
    if (min !== undefined && max !== undefined) parts.push(`from ${min} to ${max}`);
    else if (min !== undefined)
      parts.push(isDateLike(property) ? `from ${min}` : `at least ${min}`);
    else if (max !== undefined)
      parts.push(isDateLike(property) ? `until ${max}` : `at most ${max}`);
  }
  if (step !== undefined && isNumeric(property)) parts.push(`in steps of ${step}`);
  if (minLength !== undefined && maxLength !== undefined)
    parts.push(`${minLength} to ${maxLength} characters`);
  else if (minLength !== undefined) parts.push(`at least ${minLength} characters`);
  else if (maxLength !== undefined) parts.push(`at most ${maxLength} characters`);
  if (typeof regex === 'string' && regex !== '') parts.push(`pattern ${regex}`);
  if (property.options && isMultiValued(property)) {
    const { minItems, maxItems } = property.options;
    if (minItems !== undefined && maxItems !== undefined)
      parts.push(`choose ${minItems} to ${maxItems}`);
    else if (minItems !== undefined) parts.push(`choose at least ${minItems}`);
    else if (maxItems !== undefined) parts.push(`choose at most ${maxItems}`);
    else parts.push('choose any');
  }
  if (property.readOnly) parts.push('read-only');
  return parts.join(' · ');
}

/** The value a single-valued field starts with, as text. */
export function startingText(property: HalFormsProperty): string {
  const value = Array.isArray(property.value) ? property.value[0] : property.value;
  if (value !== undefined && value !== null) return String(value);
  const selected = property.options?.selectedValues?.[0];
  return selected === undefined ? '' : String(selected);
}

/** The values a field with options starts with, as text. */
export function startingList(property: HalFormsProperty): string[] {
  const selected = property.options?.selectedValues;
  if (Array.isArray(selected) && selected.length > 0) return selected.map(String);
  const value = property.value;
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null || value === '' ? [] : [String(value)];
}
