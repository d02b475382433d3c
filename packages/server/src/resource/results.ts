import { HalBuilder, type HalDocument } from '@halway/hal';
import type { AnyResource, ResourceOf } from './resource.js';

/**
 * What an action's handler answers with. Returning nothing means "this resource changed":
 * 204 No Content, or its new state when the client asks for it with `Prefer: return=representation`.
 */
export type ActionResult = ActionResponse | void | undefined;

/** A response an action's handler asks for; build one with the functions below. */
export type ActionResponse =
  | { kind: 'created'; location: ResourceLocation }
  | { kind: 'see-other'; location: ResourceLocation }
  | { kind: 'accepted'; location?: ResourceLocation }
  | { kind: 'no-content' }
  | { kind: 'ok'; document: HalDocument };

/**
 * Where a response points: a URL, or a resource of this service and the state it addresses
 * (from which the server derives the URL and, when asked, the representation).
 */
export type ResourceLocation = { href: string } | { resource: AnyResource; state: unknown };

/**
 * 201 Created with `Location`.
 *
 * @example return created(order, newOrder);
 */
export function created<TState>(resource: ResourceOf<TState>, state: TState): ActionResponse;
/** 201 Created with `Location` set to a URL. */
export function created(href: string): ActionResponse;
export function created(target: unknown, state?: unknown): ActionResponse {
  return { kind: 'created', location: toLocation('created', target, state) };
}

/** 303 See Other: the result of the action lives at another resource. */
export function seeOther<TState>(resource: ResourceOf<TState>, state: TState): ActionResponse;
/** 303 See Other, to a URL. */
export function seeOther(href: string): ActionResponse;
export function seeOther(target: unknown, state?: unknown): ActionResponse {
  return { kind: 'see-other', location: toLocation('seeOther', target, state) };
}

/** 202 Accepted: the work goes on after the response, optionally observable at a resource. */
export function accepted(href?: string): ActionResponse {
  return href === undefined ? { kind: 'accepted' } : { kind: 'accepted', location: { href } };
}

/** 204 No Content, even when the client prefers a representation (e.g. after a delete). */
export function noContent(): ActionResponse {
  return { kind: 'no-content' };
}

/** 200 OK with a document: for GET actions such as searches that compute a result. */
export function ok(document: HalDocument | HalBuilder): ActionResponse {
  return {
    kind: 'ok',
    document: document instanceof HalBuilder ? document.toJSON() : document,
  };
}

function toLocation(caller: string, target: unknown, state: unknown): ResourceLocation {
  if (typeof target === 'string') return { href: target };
  if (isResource(target)) return { resource: target, state };
  throw new TypeError(`${caller}(): give a URL, or a resource and its state`);
}

function isResource(value: unknown): value is AnyResource {
  return (
    typeof value === 'object' && value !== null && 'uriTemplate' in value && 'actions' in value
  );
}
