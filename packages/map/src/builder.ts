import type { HalFormsProperty } from '@halway/hal';
import type { DeclaredKind, DeclaredTransition } from './alps.js';
import {
  MAP_FORMAT,
  type MapError,
  type MapKind,
  type MapService,
  type MapState,
  type MapTransition,
  type WorkflowMap,
} from './model.js';
import { IGNORED_RELS, fieldShape, mergeForms, mergeLinks, sortedUnique } from './shapes.js';

/** One resource as a crawler saw it: where, which service and kind, and what it offered. */
export interface Observation {
  /** Its URL. */
  url: string;
  /** The service's id. */
  service: string;
  /** The kind's name in that service. */
  kind: string;
  /** A title for the kind, if the profile had none. */
  kindTitle?: string;
  /** Its properties (a `status` or `state` string names the state). */
  properties: Record<string, unknown>;
  /** Its links. */
  links: readonly { rel: string; title?: string | undefined }[];
  /**
   * The relations it embeds resources under. Links of these relations only repeat the items (a
   * list links each order it embeds): they tell what it holds, not which state it is in.
   */
  embedded?: readonly string[];
  /** Its forms. */
  forms: readonly {
    name: string;
    title?: string | undefined;
    method: string;
    properties: readonly HalFormsProperty[];
  }[];
}

/** A transition to record; its id and service are worked out from its ends. */
export type TransitionInput = Omit<MapTransition, 'id' | 'service'>;

const MAX_EXAMPLES = 3;

/**
 * Collects what a crawl sees into a {@link WorkflowMap}. It does no I/O: a crawler (or the
 * explorer, from its trail) feeds it services, profiles, observations and transitions.
 *
 * @example
 * const builder = new MapBuilder('http://localhost:4001/');
 * builder.addService({ id: 'orders', origin: 'http://localhost:4001' });
 * const home = builder.observe({ url, service: 'orders', kind: 'home', properties, links, forms });
 * const map = builder.build(false);
 */
export class MapBuilder {
  readonly #entry: string;
  readonly #services = new Map<string, MapService>();
  readonly #kinds = new Map<string, MapKind>();
  readonly #declared = new Map<string, DeclaredTransition[]>();
  readonly #states = new Map<string, MapState>();
  readonly #transitions = new Map<string, MapTransition>();
  readonly #errors: MapError[] = [];
  #documents = 0;

  /** Starts an empty map of the services reached from `entry`. */
  constructor(entry: string) {
    this.#entry = entry;
  }

  /** Records a service (once per id). */
  addService(service: MapService): void {
    if (!this.#services.has(service.id)) this.#services.set(service.id, service);
  }

  /** The services recorded so far. */
  get services(): readonly MapService[] {
    return [...this.#services.values()];
  }

  /** Records the kinds a service's ALPS profile declares, with their links and forms. */
  declare(service: string, kinds: readonly DeclaredKind[]): void {
    for (const declared of kinds) {
      const kind = this.#kind(service, declared.name, declared.title);
      this.#declared.set(kind.id, declared.transitions);
      for (const transition of declared.transitions) {
        if (transition.method) {
          mergeForms(
            kind.forms,
            {
              name: transition.name,
              ...(transition.title ? { title: transition.title } : {}),
              method: transition.method,
              fields: transition.fields,
            },
            false,
          );
        } else {
          mergeLinks(kind.links, {
            rel: transition.name,
            ...(transition.title ? { title: transition.title } : {}),
          });
        }
      }
    }
  }

  /** The kind a declared transition of `kind` leads to, when its profile says (`rt`). */
  declaredTarget(kind: string, name: string): string | undefined {
    const rt = this.#declared.get(kind)?.find((entry) => entry.name === name)?.rt;
    const service = this.#kinds.get(kind)?.service;
    return rt && service && this.#kinds.has(`${service}/${rt}`) ? `${service}/${rt}` : undefined;
  }

  /** Records a resource as seen and returns the id of its state. */
  observe(observation: Observation): string {
    const kind = this.#kind(observation.service, observation.kind, observation.kindTitle);
    for (const link of observation.links) {
      if (!IGNORED_RELS.has(link.rel))
        mergeLinks(kind.links, { rel: link.rel, ...(link.title ? { title: link.title } : {}) });
    }
    for (const form of observation.forms) {
      mergeForms(
        kind.forms,
        {
          name: form.name,
          ...(form.title ? { title: form.title } : {}),
          method: form.method.toUpperCase(),
          fields: form.properties.map(fieldShape),
        },
        true,
      );
    }
    const items = new Set(observation.embedded);
    const links = sortedUnique(
      observation.links
        .map((link) => link.rel)
        .filter((rel) => !IGNORED_RELS.has(rel) && !items.has(rel)),
    );
    const forms = sortedUnique(observation.forms.map((form) => form.name));
    const status = statusOf(observation.properties);
    const id = `${kind.id}${status ? `:${status}` : ''}[${links.join(' ')}|${forms.join(' ')}]`;
    let state = this.#states.get(id);
    if (!state) {
      state = {
        id,
        kind: kind.id,
        service: kind.service,
        label: status ? `${kind.title}: ${status}` : kind.title,
        ...(status ? { status } : {}),
        links,
        forms,
        examples: [],
      };
      this.#states.set(id, state);
    }
    if (state.examples.length < MAX_EXAMPLES && !state.examples.includes(observation.url))
      state.examples.push(observation.url);
    return id;
  }

  /** The states recorded so far. */
  get states(): readonly MapState[] {
    return [...this.#states.values()];
  }

  /** The transitions recorded so far. */
  get transitions(): readonly MapTransition[] {
    return [...this.#transitions.values()];
  }

  /** The method of a kind's form, as last seen or declared. */
  formMethod(kind: string, name: string): string | undefined {
    return this.#kinds.get(kind)?.forms.find((form) => form.name === name)?.method;
  }

  /** The kind id of a state id (or of a kind id, which is its own kind). */
  kindOf(id: string): string {
    return this.#states.get(id)?.kind ?? id;
  }

  /** Records a transition (once per id) and returns its id. */
  addTransition(input: TransitionInput): string {
    const service =
      this.#states.get(input.from)?.service ?? this.#kinds.get(input.from)?.service ?? '';
    const id = `${input.from} ${input.type}:${input.name} -> ${input.to ?? '?'}`;
    if (!this.#transitions.has(id)) this.#transitions.set(id, { id, ...input, service });
    return id;
  }

  /** Counts a document read. */
  countDocument(): void {
    this.#documents++;
  }

  /** Records a failed request. */
  addError(url: string, message: string): void {
    this.#errors.push({ url, message });
  }

  /** How much has been found so far, for a progress line. */
  progress(): { documents: number; services: number; errors: number } {
    return {
      documents: this.#documents,
      services: this.#services.size,
      errors: this.#errors.length,
    };
  }

  /**
   * The map: everything recorded, sorted so that two crawls of the same services give the same
   * JSON. A transition a profile declares that no state was seen to offer is kept as `declared`,
   * from the kind itself.
   */
  build(exercised: boolean): WorkflowMap {
    const offered = new Set(
      [...this.#transitions.values()].map((edge) => `${this.kindOf(edge.from)} ${edge.name}`),
    );
    for (const [kind, transitions] of this.#declared) {
      for (const transition of transitions) {
        if (offered.has(`${kind} ${transition.name}`)) continue;
        const to = this.declaredTarget(kind, transition.name);
        this.addTransition({
          from: kind,
          ...(to ? { to } : {}),
          type: 'declared',
          name: transition.name,
          ...(transition.title ? { title: transition.title } : {}),
          safe: transition.safe,
          ...(transition.method ? { method: transition.method } : {}),
        });
      }
    }
    this.#prune();
    const byId = <T extends { id: string }>(items: Iterable<T>) =>
      [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      ...MAP_FORMAT,
      entry: this.#entry,
      exercised,
      services: byId(this.#services.values()),
      kinds: byId(this.#kinds.values()),
      states: byId(this.#states.values()),
      transitions: byId(this.#transitions.values()),
      documents: this.#documents,
      errors: [...this.#errors],
    };
  }

  // A link or form first recorded with an unknown (or only declared) target, and later followed
  // or submitted to a state, keeps only the edges that say where it led.
  #prune(): void {
    const led = new Set<string>();
    for (const transition of this.#transitions.values()) {
      if (transition.to && this.#states.has(transition.to))
        led.add(`${transition.from} ${transition.name}`);
    }
    for (const [id, transition] of this.#transitions) {
      const known = transition.to !== undefined && this.#states.has(transition.to);
      if (!known && led.has(`${transition.from} ${transition.name}`)) this.#transitions.delete(id);
    }
  }

  #kind(service: string, name: string, title?: string): MapKind {
    const id = `${service}/${name}`;
    let kind = this.#kinds.get(id);
    if (!kind) {
      kind = { id, service, name, title: title ?? name, links: [], forms: [] };
      this.#kinds.set(id, kind);
    } else if (title && kind.title === kind.name) kind.title = title;
    return kind;
  }
}

// The property that names a resource's state, when it has one.
function statusOf(properties: Record<string, unknown>): string | undefined {
  for (const key of ['status', 'state']) {
    const value = properties[key];
    if (typeof value === 'string' && value.length > 0 && value.length <= 40) return value;
  }
  return undefined;
}
