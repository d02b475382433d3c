import type { MapField } from './model.js';

/** An ALPS descriptor, as much of it as a map reads. */
export interface AlpsDescriptor {
  /** Its id (`order`, `order.cancel`). */
  id?: string;
  /** A reference to another descriptor (`#order.cancel`). */
  href?: string;
  /** The name a transition goes by on the wire (the rel or the template's name). */
  name?: string;
  /** `semantic`, `safe`, `unsafe` or `idempotent`. */
  type?: string;
  /** A title for people. */
  title?: string;
  /** The descriptor a transition leads to (`#order`). */
  rt?: string;
  /** Nested descriptors (the transitions of a state, the fields of a transition). */
  descriptor?: AlpsDescriptor[];
  /** Extensions: Halway writes `method` and field constraints here. */
  ext?: { id: string; value?: string }[];
}

/** An ALPS document (`application/alps+json`). */
export interface AlpsDocument {
  /** The profile. */
  alps: { title?: string; descriptor?: AlpsDescriptor[] };
}

/** A transition an ALPS profile declares on a kind of resource. */
export interface DeclaredTransition {
  /** The rel or form name. */
  name: string;
  /** Its title. */
  title?: string;
  /** Whether ALPS calls it `safe`. */
  safe: boolean;
  /** The method given in an extension, if any. */
  method?: string;
  /** The kind it leads to (a descriptor id of the same profile). */
  rt?: string;
  /** The fields it takes. */
  fields: MapField[];
}

/** A kind of resource as an ALPS profile declares it. */
export interface DeclaredKind {
  /** The descriptor id. */
  name: string;
  /** Its title. */
  title?: string;
  /** Its transitions. */
  transitions: DeclaredTransition[];
}

const TRANSITION_TYPES = new Set(['safe', 'unsafe', 'idempotent']);

/** Whether a parsed JSON value looks like an ALPS document. */
export function isAlpsDocument(value: unknown): value is AlpsDocument {
  return typeof value === 'object' && value !== null && 'alps' in value;
}

/**
 * The kinds of resource an ALPS profile declares: the semantic descriptors that hold
 * transitions or that a transition's `rt` points at, each with its transitions and their fields.
 *
 * @see https://datatracker.ietf.org/doc/draft-amundsen-richardson-foster-alps/
 */
export function readAlpsKinds(document: AlpsDocument): DeclaredKind[] {
  const top = document.alps.descriptor ?? [];
  const byId = new Map(top.filter((entry) => entry.id).map((entry) => [entry.id!, entry]));
  const resolve = (entry: AlpsDescriptor): AlpsDescriptor | undefined =>
    entry.href?.startsWith('#') ? byId.get(entry.href.slice(1)) : entry;
  const isTransition = (entry: AlpsDescriptor | undefined) =>
    entry !== undefined && TRANSITION_TYPES.has(entry.type ?? '');

  const targets = new Set(
    top.filter(isTransition).flatMap((entry) => (entry.rt ? [fragment(entry.rt)] : [])),
  );
  const kinds: DeclaredKind[] = [];
  for (const entry of top) {
    if (!entry.id || (entry.type ?? 'semantic') !== 'semantic') continue;
    const nested = (entry.descriptor ?? []).map(resolve).filter(isTransition);
    if (nested.length === 0 && !targets.has(entry.id)) continue;
    kinds.push({
      name: entry.id,
      ...(entry.title ? { title: entry.title } : {}),
      transitions: nested.map((transition) => declared(transition!, resolve)),
    });
  }
  return kinds;
}

function declared(
  entry: AlpsDescriptor,
  resolve: (entry: AlpsDescriptor) => AlpsDescriptor | undefined,
): DeclaredTransition {
  const method = ext(entry, 'method');
  return {
    name: entry.name ?? entry.id!.split('.').pop()!,
    ...(entry.title ? { title: entry.title } : {}),
    safe: entry.type === 'safe',
    ...(method ? { method } : {}),
    ...(entry.rt ? { rt: fragment(entry.rt) } : {}),
    fields: (entry.descriptor ?? [])
      .map(resolve)
      .filter((field) => field?.id && (field.type ?? 'semantic') === 'semantic')
      .map((field) => alpsField(field!)),
  };
}

// Halway's profiles carry constraints as extensions; other servers' simply have none.
function alpsField(entry: AlpsDescriptor): MapField {
  const field: MapField = { name: entry.id! };
  const number = (id: string) => {
    const value = ext(entry, id);
    return value === undefined ? undefined : Number.isNaN(Number(value)) ? value : Number(value);
  };
  if (ext(entry, 'required') === 'true') field.required = true;
  const type = ext(entry, 'type');
  if (type) field.type = type;
  for (const key of ['min', 'max'] as const) {
    const value = number(key);
    if (value !== undefined) field[key] = value;
  }
  for (const key of ['minLength', 'maxLength'] as const) {
    const value = number(key);
    if (typeof value === 'number') field[key] = value;
  }
  const regex = ext(entry, 'regex');
  if (regex) field.regex = regex;
  const options = ext(entry, 'options');
  if (options) {
    // Values are written as JSON, separated by spaces: `"small" "medium"` or `1 2`.
    field.options = [...options.matchAll(/"(?:[^"\\]|\\.)*"|\S+/g)].map((m) =>
      String(JSON.parse(m[0]) as unknown),
    );
  }
  return field;
}

function ext(entry: AlpsDescriptor, id: string): string | undefined {
  return entry.ext?.find((item) => item.id === id)?.value;
}

function fragment(reference: string): string {
  const index = reference.indexOf('#');
  return index === -1 ? reference : reference.slice(index + 1);
}
