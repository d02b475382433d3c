import {
  HalBuilder,
  withValues,
  type HalDocument,
  type HalEmbeddable,
  type HalFormsTemplate,
  type HalLink,
  type HalLinkInput,
} from '@halway/hal';
import { profileLink } from '../alps/publish.js';
import {
  absoluteDocument,
  absoluteHref,
  absoluteLink,
  absoluteProperties,
  baseOf,
} from '../links/absolute.js';
import type { CompiledAction, CompiledResource } from './compile.js';
import type { RequestContext } from './context.js';
import type { EmbeddedMap, LinkMap } from './resource.js';
import { joinPaths } from './paths.js';

type Context = RequestContext<Record<string, string | undefined>>;

/**
 * Where a document's hrefs point when rendered: relative as the resource gives them, or made
 * absolute with `origin`, against `base` for path-relative ones (see `absoluteDocument`).
 */
interface Hrefs {
  origin: string;
  base: string;
}

/**
 * The document of a resource in a state: properties, `self`, links, embedded resources, and
 * the template of every action the caller may take in this state. With an `origin`, its links
 * and form targets are absolute as they are made, rather than copied absolute afterwards.
 */
export function renderDocument(
  compiled: CompiledResource,
  state: unknown,
  context: Context,
  self: string,
  origin?: string,
): HalDocument | Promise<HalDocument> {
  const hrefs = origin === undefined ? undefined : { origin, base: baseOf(self, origin) };
  const { options } = compiled.resource;
  const links = options.links ? options.links(state, context) : {};
  const embedded = options.embedded ? options.embedded(state, context) : {};
  // Links and embedded resources are usually computed synchronously: wait only for promises.
  if (links instanceof Promise || embedded instanceof Promise) {
    return Promise.all([links, embedded]).then(([resolvedLinks, resolvedEmbedded]) =>
      assemble(compiled, state, context, self, hrefs, resolvedLinks, resolvedEmbedded),
    );
  }
  return assemble(compiled, state, context, self, hrefs, links, embedded);
}

function assemble(
  compiled: CompiledResource,
  state: unknown,
  context: Context,
  self: string,
  hrefs: Hrefs | undefined,
  links: LinkMap,
  embedded: EmbeddedMap,
): HalDocument {
  const builder = new HalBuilder(compiled.resource.options.properties?.(state, context) ?? {});
  const available = availableActions(compiled, state, context);
  // Link hints (draft-nottingham-link-hint): clients learn before trying that If-Match is needed.
  const needsIfMatch = available.some((action) => requiresIfMatch(action));
  const selfHref = hrefs === undefined ? self : absoluteHref(self, hrefs.origin);
  builder.self(
    needsIfMatch ? { href: selfHref, hints: { 'precondition-req': ['etag'] } } : selfHref,
  );
  const profile = profileLink(compiled.resource, context.basePath);
  if (profile && links.profile === undefined) builder.link('profile', hrefTo(profile, hrefs));
  for (const rel in links) {
    const value = links[rel];
    if (value === undefined) continue;
    if (Array.isArray(value))
      builder.links(
        rel,
        value.map((link) => hrefTo(link, hrefs)),
      );
    else builder.link(rel, hrefTo(value, hrefs));
  }
  for (const rel in embedded) {
    const value = embedded[rel];
    if (value === undefined) continue;
    if (Array.isArray(value))
      builder.embedAll(
        rel,
        value.map((item) => embeddedAt(item, hrefs)),
      );
    else builder.embed(rel, embeddedAt(value, hrefs));
  }
  for (const action of available) {
    builder.template(action.name, templateFor(action, state, context, selfHref, hrefs));
  }
  return builder.toJSON();
}

// An embedded resource as the document shows it: with absolute hrefs when rendering with an origin.
function embeddedAt(resource: HalEmbeddable, hrefs: Hrefs | undefined): HalEmbeddable {
  if (hrefs === undefined) return resource;
  const document = resource instanceof HalBuilder ? resource.toJSON() : resource;
  return absoluteDocument(document, hrefs.origin, hrefs.base);
}

// A link as the document shows it: absolute when rendering with an origin.
function hrefTo(link: HalLinkInput, hrefs: Hrefs | undefined): HalLinkInput {
  const href = typeof link === 'string' ? link : (link as Partial<HalLink> | undefined)?.href;
  // A link without an href is left for the builder to refuse, with its own message.
  if (hrefs === undefined || typeof href !== 'string' || href === '') return link;
  return typeof link === 'string'
    ? absoluteHref(link, hrefs.origin, hrefs.base)
    : absoluteLink(link, hrefs.origin, hrefs.base);
}

/** The actions this caller may take in this state, in declaration order. */
export function availableActions(
  compiled: CompiledResource,
  state: unknown,
  context: Context,
): CompiledAction[] {
  return compiled.actions.filter(
    (action) => isPermitted(action, state, context) && isAllowed(action, state, context),
  );
}

/** Whether an action's guard allows it in this state. */
export function isAllowed(action: CompiledAction, state: unknown, context: Context): boolean {
  const when = action.declaration.options.when;
  return when === undefined || when(state, context) === true;
}

/** Whether the caller may take an action. */
export function isPermitted(action: CompiledAction, state: unknown, context: Context): boolean {
  const allow = action.declaration.options.allow;
  return allow === undefined || allow(context.caller, state, context) === true;
}

/** Whether an action demands `If-Match`. */
export function requiresIfMatch(action: CompiledAction): boolean {
  const { options } = action.declaration;
  return 'handle' in options && options.requireIfMatch === true;
}

/**
 * An action's form in a state: the compiled one, shared, when nothing in it depends on the
 * request; else one copy with its target, its values and (with `hrefs`) absolute option links.
 * `self` is the document's own `self`, already absolute when rendering with `hrefs`.
 */
function templateFor(
  action: CompiledAction,
  state: unknown,
  context: Context,
  self: string,
  hrefs: Hrefs | undefined,
): HalFormsTemplate {
  const { options } = action.declaration;
  const values = options.values?.(state, context);
  let properties =
    values && action.properties.length > 0
      ? withValues(action.properties, values)
      : action.properties;
  if (hrefs !== undefined) properties = absoluteProperties(properties, hrefs.origin, hrefs.base);
  const target = targetOf(action, context, self, hrefs);
  // Nothing in this form depends on the request: the compiled one is shared, never changed.
  if (target === undefined && properties === action.properties) return action.template;
  // Copied key by key: a spread copy that then gets a new key (target) becomes a slow dictionary.
  const template: HalFormsTemplate = Object.assign({}, action.template);
  if (target !== undefined) template.target = target;
  if (properties !== action.properties) template.properties = properties;
  return template;
}

// Where a form is sent, when not to the document's own `self` (undefined then).
function targetOf(
  action: CompiledAction,
  context: Context,
  self: string,
  hrefs: Hrefs | undefined,
): string | undefined {
  const { options } = action.declaration;
  if ('target' in options) {
    // The target's path template only: the form's other values travel in the query, as for any GET form.
    const target =
      typeof options.target === 'string'
        ? options.target
        : context.basePath + options.target.path.template;
    return hrefs === undefined ? target : absoluteHref(target, hrefs.origin, hrefs.base);
  }
  if (action.subPath === '') return undefined;
  // The sub-path goes before the query: a resource addressed by its query keeps it.
  const query = self.indexOf('?');
  return query === -1
    ? joinPaths(self, action.subPath)
    : joinPaths(self.slice(0, query), action.subPath) + self.slice(query);
}
