import type { MapField, MapForm, MapKind, WorkflowMap } from './model.js';

/** One difference between two maps; `breaking` when a client of the old one may fail. */
export interface MapChange {
  /** Whether clients written against the old map may break. */
  breaking: boolean;
  /** Where: `service`, `service/kind`, `service/kind form`, `service/kind form field`. */
  where: string;
  /** What changed, in a few words. */
  what: string;
}

/**
 * What changed from `before` to `after`, breaking changes first: a service, kind, rel, form,
 * field or option removed, a field newly required, a constraint narrowed (smaller range or
 * length, a new or changed pattern, another type or method), a state no longer reached.
 * Additions are reported as not breaking.
 *
 * @example
 * const changes = diffMaps(oldMap, newMap);
 * if (changes.some((change) => change.breaking)) process.exitCode = 8;
 */
export function diffMaps(before: WorkflowMap, after: WorkflowMap): MapChange[] {
  const changes: MapChange[] = [];
  const add = (breaking: boolean, where: string, what: string) =>
    changes.push({ breaking, where, what });

  for (const service of names(before.services, after.services, (s) => s.id)) {
    if (!service.after) add(true, service.key, 'service removed');
    else if (!service.before) add(false, service.key, 'service added');
  }
  for (const kind of names(before.kinds, after.kinds, (k) => k.id)) {
    if (!kind.after) add(true, kind.key, 'kind of resource removed');
    else if (!kind.before) add(false, kind.key, 'kind of resource added');
    else diffKind(kind.before, kind.after, add);
  }
  for (const state of names(before.states, after.states, (s) => s.id)) {
    const label = (state.before ?? state.after)!.label;
    if (!state.after) add(true, state.key.split(/[:[]/)[0]!, `state "${label}" no longer reached`);
    else if (!state.before) add(false, state.key.split(/[:[]/)[0]!, `state "${label}" added`);
  }
  return changes.sort((a, b) => Number(b.breaking) - Number(a.breaking));
}

type Add = (breaking: boolean, where: string, what: string) => void;

function diffKind(before: MapKind, after: MapKind, add: Add): void {
  for (const link of names(before.links, after.links, (l) => l.rel)) {
    if (!link.after) add(true, before.id, `rel "${link.key}" removed`);
    else if (!link.before) add(false, before.id, `rel "${link.key}" added`);
  }
  for (const form of names(before.forms, after.forms, (f) => f.name)) {
    if (!form.after) add(true, before.id, `form "${form.key}" removed`);
    else if (!form.before) add(false, before.id, `form "${form.key}" added`);
    else diffForm(`${before.id} ${form.key}`, form.before, form.after, add);
  }
}

function diffForm(where: string, before: MapForm, after: MapForm, add: Add): void {
  if (before.method !== after.method)
    add(true, where, `method changed from ${before.method} to ${after.method}`);
  for (const field of names(before.fields, after.fields, (f) => f.name)) {
    if (!field.after) add(true, where, `field "${field.key}" removed`);
    else if (!field.before) {
      add(
        field.after.required === true,
        where,
        `field "${field.key}" added${field.after.required ? ', required' : ''}`,
      );
    } else diffField(`${where} ${field.key}`, field.before, field.after, add);
  }
}

function diffField(where: string, before: MapField, after: MapField, add: Add): void {
  if (!before.required && after.required) add(true, where, 'newly required');
  if (before.required && !after.required) add(false, where, 'no longer required');
  if ((before.type ?? 'text') !== (after.type ?? 'text'))
    add(true, where, `type changed from ${before.type ?? 'text'} to ${after.type ?? 'text'}`);
  if (!before.readOnly && after.readOnly) add(true, where, 'now read-only');
  const narrower = (key: 'min' | 'minLength', higher: boolean) => {
    const [old, now] = [before[key], after[key]];
    if (now === undefined || old === now) return;
    const narrowed = old === undefined || (higher ? now > old : now < old);
    add(narrowed, where, `${key} ${old ?? 'none'} → ${now}${narrowed ? ' (narrowed)' : ''}`);
  };
  narrower('min', true);
  narrower('minLength', true);
  const upper = (key: 'max' | 'maxLength') => {
    const [old, now] = [before[key], after[key]];
    if (now === undefined || old === now) return;
    const narrowed = old === undefined || now < old;
    add(narrowed, where, `${key} ${old ?? 'none'} → ${now}${narrowed ? ' (narrowed)' : ''}`);
  };
  upper('max');
  upper('maxLength');
  if (after.regex !== undefined && before.regex !== after.regex)
    add(
      true,
      where,
      `pattern ${before.regex ? `changed from /${before.regex}/` : 'added'}: /${after.regex}/`,
    );
  if (before.options && after.options) {
    for (const option of before.options.filter((value) => !after.options!.includes(value)))
      add(true, where, `option "${option}" removed`);
    for (const option of after.options.filter((value) => !before.options!.includes(value)))
      add(false, where, `option "${option}" added`);
  }
}

// Pairs the entries of two lists by key, in the order they first appear.
function names<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): { key: string; before?: T; after?: T }[] {
  const pairs = new Map<string, { key: string; before?: T; after?: T }>();
  for (const item of before) pairs.set(key(item), { key: key(item), before: item });
  for (const item of after) {
    const pair = pairs.get(key(item)) ?? { key: key(item) };
    pair.after = item;
    pairs.set(key(item), pair);
  }
  return [...pairs.values()];
}
