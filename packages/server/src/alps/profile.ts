import type { HalLinkInput } from '@halway/hal';
import type { CompiledAction, CompiledResource } from '../resource/compile.js';
import type { AnyResource } from '../resource/resource.js';
import {
  fieldDescriptor,
  transitionType,
  type AlpsDescriptor,
  type AlpsDocument,
} from './descriptors.js';

/** What a profile is made from: the service's compiled resources and their descriptor ids. */
export interface ProfileSource {
  /** The service's title. */
  title?: string | undefined;
  /** The compiled resources, in declaration order. */
  resources: readonly CompiledResource[];
  /** The descriptor id of each resource. */
  ids: ReadonlyMap<AnyResource, string>;
  /** The links a resource declares statically (a home document's), by rel. */
  staticLinks: (resource: AnyResource) => Record<string, AnyResource | HalLinkInput> | undefined;
}

/**
 * The ALPS profile of a service, from its declarations only: one semantic descriptor per
 * resource (a state), holding references to the fields its forms take and to its transitions;
 * one descriptor per transition (an action, or a declared link) typed `safe`, `unsafe` or
 * `idempotent` from its method, with the fields it takes and, where the declaration says
 * where it leads, its `rt`.
 */
export function buildProfile(source: ProfileSource): AlpsDocument {
  const fields = new Map<string, AlpsDescriptor>();
  const transitions: AlpsDescriptor[] = [];
  const states: AlpsDescriptor[] = [];
  for (const compiled of source.resources) {
    const id = idOf(source, compiled.resource);
    const state: AlpsDescriptor = { id, type: 'semantic', title: compiled.resource.title };
    const nested: AlpsDescriptor[] = [];
    for (const [rel, target] of Object.entries(source.staticLinks(compiled.resource) ?? {})) {
      const transition = linkTransition(source, id, rel, target);
      transitions.push(transition);
      nested.push({ href: `#${transition.id ?? ''}` });
    }
    for (const action of compiled.actions) {
      for (const property of action.properties) {
        if (!fields.has(property.name)) fields.set(property.name, fieldDescriptor(property));
      }
      const transition = actionTransition(source, id, compiled, action);
      transitions.push(transition);
      nested.push({ href: `#${transition.id ?? ''}` });
    }
    if (nested.length > 0) state.descriptor = nested;
    states.push(state);
  }
  const alps: AlpsDocument['alps'] = {
    version: '1.0',
    descriptor: [...fields.values(), ...states, ...transitions],
  };
  if (source.title !== undefined) alps.title = source.title;
  alps.doc = {
    format: 'text',
    value:
      'Generated from the service\'s declarations. A state descriptor is a kind of resource; its representations link here with rel "profile".',
  };
  return { alps };
}

function idOf(source: ProfileSource, resource: AnyResource): string {
  return source.ids.get(resource) ?? resource.path.route;
}

function actionTransition(
  source: ProfileSource,
  stateId: string,
  compiled: CompiledResource,
  action: CompiledAction,
): AlpsDescriptor {
  const descriptor: AlpsDescriptor = {
    id: `${stateId}.${action.name}`,
    name: action.name,
    type: transitionType(action.method),
    title: action.template.title ?? action.name,
    ext: [{ id: 'method', value: action.method }],
  };
  const rt = returnType(source, compiled, action);
  if (rt !== undefined) descriptor.rt = `#${rt}`;
  if (action.properties.length > 0)
    descriptor.descriptor = action.properties.map((property) => ({ href: `#${property.name}` }));
  return descriptor;
}

// Where an action leads, as far as its declaration says: a navigation form to its target; an
// action on an addressed resource (one with parameters) to that resource in its next state.
// What a creating action creates is known only from its 201, so it gets no `rt`.
function returnType(
  source: ProfileSource,
  compiled: CompiledResource,
  action: CompiledAction,
): string | undefined {
  const { options } = action.declaration;
  if ('target' in options) {
    return typeof options.target === 'string' ? undefined : source.ids.get(options.target);
  }
  const { resource } = compiled;
  const addressed = resource.path.names.length > 0 || (resource.options.query ?? []).length > 0;
  return addressed ? idOf(source, resource) : undefined;
}

function linkTransition(
  source: ProfileSource,
  stateId: string,
  rel: string,
  target: AnyResource | HalLinkInput,
): AlpsDescriptor {
  const descriptor: AlpsDescriptor = { id: `${stateId}.${rel}`, name: rel, type: 'safe' };
  if (typeof target === 'object' && 'uriTemplate' in target) {
    descriptor.title = target.title;
    const rt = source.ids.get(target);
    if (rt !== undefined) descriptor.rt = `#${rt}`;
  } else if (typeof target === 'object' && target.title !== undefined) {
    descriptor.title = target.title;
  }
  return descriptor;
}
