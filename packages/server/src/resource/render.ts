import {
  HalBuilder,
  withValues,
  type HalDocument,
  type HalEmbeddable,
  type HalFormsTemplate,
  type HalLinkInput,
} from '@halway/hal';
import { profileLink } from '../alps/publish.js';
import { absoluteDocument, absoluteHref, absoluteProperties, baseOf } from '../links/absolute.js';
import type { CompiledAction, CompiledResource } from './compile.js';
import type { RequestContext } from './context.js';
import { targetOf } from './form-target.js';
import { hrefTo, type Hrefs } from './hrefs.js';
import { writableProperties, writeDocument, type CuriesText } from './render-text.js';
import type { EmbeddedMap, LinkMap } from './resource.js';

type Context = RequestContext<Record<string, string | undefined>>;

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
  return render(compiled, state, context, self, origin, undefined) as
    HalDocument | Promise<HalDocument>;
}

/**
 * The same document as `renderDocument`'s with an `origin`, as its JSON text when it is one that
 * can be written straight from its parts (nothing embedded, at least one form: see
 * `writeDocument`), else as the document itself. The text has the service's `curies` link
 * where `withCuries` would add it; the document is left to `documentReply` for that.
 */
export function renderBody(
  compiled: CompiledResource,
  state: unknown,
  context: Context,
  self: string,
  origin: string,
  curies: CuriesText | undefined,
): HalDocument | string | Promise<HalDocument | string> {
  return render(compiled, state, context, self, origin, { curies });
}

// What a document is made from: the resource, its state, the request, and the resource's links
// and embedded resources, computed first (they may be promises).
interface Rendering {
  compiled: CompiledResource;
  state: unknown;
  context: Context;
  self: string;
  hrefs: Hrefs | undefined;
  links: LinkMap;
  embedded: EmbeddedMap;
}

function render(
  compiled: CompiledResource,
  state: unknown,
  context: Context,
  self: string,
  origin: string | undefined,
  asText: { curies: CuriesText | undefined } | undefined,
): HalDocument | string | Promise<HalDocument | string> {
  const hrefs = origin === undefined ? undefined : { origin, base: baseOf(self, origin) };
  const { options } = compiled.resource;
  const links = options.links ? options.links(state, context) : {};
  const embedded = options.embedded ? options.embedded(state, context) : {};
  // Links and embedded resources are usually computed synchronously: wait only for promises.
  if (links instanceof Promise || embedded instanceof Promise) {
    return Promise.all([links, embedded]).then(([resolvedLinks, resolvedEmbedded]) =>
      assemble(
        { compiled, state, context, self, hrefs, links: resolvedLinks, embedded: resolvedEmbedded },
        asText,
      ),
    );
  }
  return assemble({ compiled, state, context, self, hrefs, links, embedded }, asText);
}

// The document from its parts: written as text when asked and it can be, else built.
function assemble(
  rendering: Rendering,
  asText: { curies: CuriesText | undefined } | undefined,
): HalDocument | string {
  const { compiled, state, context, hrefs, links } = rendering;
  const properties = compiled.resource.options.properties?.(state, context) ?? {};
  if (
    asText === undefined ||
    hrefs === undefined ||
    hasEmbedded(rendering.embedded) ||
    !writableProperties(properties)
  )
    return build(rendering, properties);
  const available = availableActions(compiled, state, context);
  const profile = profileLink(compiled.resource, context.basePath);
  const parts = {
    self: selfLink(absoluteHref(rendering.self, hrefs.origin), available),
    profile: links.profile === undefined ? profile : undefined,
    links,
    properties,
    available,
    curies: asText.curies,
  };
  const text = available.length > 0 ? writeDocument(parts, state, context, hrefs) : undefined;
  return text ?? build(rendering, properties, available);
}

// The document as an object, through the builder (which refuses what HAL does not allow).
function build(
  { compiled, state, context, self, hrefs, links, embedded }: Rendering,
  properties: Record<string, unknown>,
  given?: CompiledAction[],
): HalDocument {
  const builder = new HalBuilder(properties);
  const available = given ?? availableActions(compiled, state, context);
  const selfHref = hrefs === undefined ? self : absoluteHref(self, hrefs.origin);
  builder.self(selfLink(selfHref, available));
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

// Link hints (draft-nottingham-link-hint): clients learn before trying that If-Match is needed.
function selfLink(href: string, available: CompiledAction[]): HalLinkInput {
  return available.some((action) => requiresIfMatch(action))
    ? { href, hints: { 'precondition-req': ['etag'] } }
    : href;
}

function hasEmbedded(embedded: EmbeddedMap): boolean {
  for (const rel in embedded) if (embedded[rel] !== undefined) return true;
  return false;
}

// An embedded resource as the document shows it: with absolute hrefs when rendering with an origin.
function embeddedAt(resource: HalEmbeddable, hrefs: Hrefs | undefined): HalEmbeddable {
  if (hrefs === undefined) return resource;
  const document = resource instanceof HalBuilder ? resource.toJSON() : resource;
  return absoluteDocument(document, hrefs.origin, hrefs.base);
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
