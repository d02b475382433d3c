import type { JsonSchema } from '@halway/hal';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Caller } from '../auth/authentication.js';
import type { ActionContext, RequestContext } from './context.js';
import type { AnyResource } from './resource.js';
import type { ActionResult } from './results.js';

/** The methods an action may use. */
export type ActionMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The body media types an action's template may ask for. */
export type ActionContentType = 'application/json' | 'application/x-www-form-urlencoded';

/** The input type of an action, derived from its JSON Schema. */
export type ActionInput<TSchema> = TSchema extends JSONSchema
  ? FromSchema<TSchema>
  : Record<string, never>;

/** What every action declares. */
interface ActionBaseOptions<TState, TParams, TSchema, TPrepared> {
  /** The template's title; its name when absent. */
  title?: string;
  /**
   * JSON Schema (draft-07) of the input: an object schema. It drives the template's properties,
   * the server's validation, and the handler's input type (declare it `as const`).
   */
  input?: TSchema;
  /** The body media type the template asks for (default `application/json`); both are accepted. */
  contentType?: ActionContentType;
  /**
   * The state guard: whether the action is possible now. The template is shown exactly when it
   * is, and a request made anyway is refused with 409.
   */
  when?: (state: TState, context: RequestContext<TParams, TPrepared>) => boolean;
  /** The form's starting values, from the current state (edit forms). */
  values?: (
    state: TState,
    context: RequestContext<TParams, TPrepared>,
  ) => Partial<ActionInput<TSchema>> | Record<string, unknown>;
  /**
   * Who may take the action. A caller who may not does not see the template, and a request made
   * anyway is refused: 401 for an anonymous caller, 403 for a known one.
   */
  allow?: (
    caller: Caller | undefined,
    state: TState,
    context: RequestContext<TParams, TPrepared>,
  ) => boolean;
}

/** An action this resource serves itself: it has a handler. */
export interface HandledActionOptions<
  TState,
  TParams,
  TSchema,
  TPrepared = unknown,
> extends ActionBaseOptions<TState, TParams, TSchema, TPrepared> {
  /** The HTTP method. */
  method: ActionMethod;
  /**
   * A sub-path below the resource for the action's target, e.g. `/payment`; the resource itself
   * when absent. Two actions of a resource need different paths when they share a method.
   */
  path?: string;
  /**
   * Demands `If-Match` (428 without it), so that no client changes a state it has not seen.
   * The resource's `self` link then carries the hint `precondition-req: ["etag"]`.
   */
  requireIfMatch?: boolean;
  /** Demands an `Idempotency-Key` (400 without it), for actions that must never run twice. */
  requireIdempotencyKey?: boolean;
  /**
   * Does the work, inside the action's transaction: change `state` (saved when it returns),
   * insert documents and queue messages through `db`. Keep it to local work: read peers in the
   * resource's `prepare`, which runs before the transaction.
   */
  handle: (
    context: ActionContext<TState, TParams, ActionInput<TSchema>, TPrepared>,
  ) => ActionResult | Promise<ActionResult>;
}

/**
 * A form that leads elsewhere: a GET template whose target is another resource (its URI
 * template, e.g. `/orders/{id}`) or a URL, served there. Search forms are made of these.
 */
export interface NavigationActionOptions<
  TState,
  TParams,
  TSchema,
  TPrepared = unknown,
> extends ActionBaseOptions<TState, TParams, TSchema, TPrepared> {
  /** Only GET: a form that changes nothing. */
  method: 'GET';
  /** The resource (or URL or URI template) the form's values are sent to. */
  target: AnyResource | string;
}

/** The options of `Resource.action()`. */
export type ActionOptions<TState, TParams, TSchema, TPrepared = unknown> =
  | HandledActionOptions<TState, TParams, TSchema, TPrepared>
  | NavigationActionOptions<TState, TParams, TSchema, TPrepared>;

/** A declared action, as the service compiles it. */
export interface ActionDeclaration {
  /** The template's name. */
  name: string;
  /** The options it was declared with. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- declarations of every state and parameters
  options: ActionOptions<any, any, JsonSchema | undefined, any>;
}
