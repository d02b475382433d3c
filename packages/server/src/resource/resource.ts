import type { Caller } from '../auth/authentication.js';
import type { HalDocument, HalLinkInput, JsonSchema } from '@halway/hal';
import { expandUriTemplate } from '@halway/hal';
import type { ActionDeclaration, ActionOptions } from './action.js';
import type { PrepareContext, RequestContext } from './context.js';
import { parsePath, type ParsedPath, type ResourceParams } from './paths.js';

/** The links of a representation by relation; an array makes a list relation, undefined leaves the link out. */
export type LinkMap = Record<string, HalLinkInput | HalLinkInput[] | undefined>;

/** The embedded resources by relation; an array makes a list relation, undefined leaves it out. */
export type EmbeddedMap = Record<string, HalDocument | HalDocument[] | undefined>;

/** Any resource, whatever its state and parameters: for APIs that accept every resource of a service. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parameters are unknown here by design
export type AnyResource = Resource<any, any, any>;

/** A resource with known parameters and any state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the state is unknown here by design
export type ResourceWithParams<TParams> = Resource<any, TParams, any>;

/** A resource with a known state and any parameters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parameters are unknown here by design
export type ResourceOf<TState> = Resource<TState, any, any>;

/** A value or a promise of it. */
export type Awaitable<T> = T | Promise<T>;

/** How a resource is loaded and represented. */
export interface ResourceOptions<TState, TParams, TPrepared = undefined> {
  /** Title of the resource, used for links to it (home document, explorer). */
  title?: string;
  /** Query parameters that address the resource besides its path, e.g. `['order']` for `/payments{?order}`. */
  query?: readonly string[];
  /**
   * Who may read the resource (staff only, say). Others get 401 (anonymous) or 403, and the home
   * document does not link to it for them. Without it, anyone may read it.
   */
  allow?: (caller: Caller | undefined) => boolean;
  /**
   * Reads what the resource needs from other services, before any transaction begins (a
   * payment reads its order's total), for reads and actions alike; the result is
   * `context.prepared`. Peers are read here so that no lock is held while waiting for them.
   * It is not run when the resource is embedded in another (`prepared` is undefined there).
   */
  prepare?: (context: PrepareContext<TParams>) => Awaitable<TPrepared>;
  /**
   * Loads the state the request addresses, usually from `context.db`; undefined answers 404.
   * Without it the state is `{}`. During an action it runs inside the action's transaction,
   * and the documents it reads are locked until the action commits.
   */
  load?: (context: RequestContext<TParams, TPrepared>) => Awaitable<TState | undefined>;
  /**
   * The version of a state (a revision number, an update time), from which ETags are made. Without
   * it, the stored version of a document loaded through `db` is used, and for other states a
   * digest of the representation.
   */
  version?: (state: TState) => string | number;
  /**
   * `Cache-Control` of the resource's representations, e.g. `max-age=60` for a home document
   * other services read often. Without it, clients revalidate with the ETag every time.
   */
  cacheControl?: string;
  /**
   * Declares that the representation depends on the state's version, the caller and the URL
   * only: not on other documents, other services or the clock. Halway then renders each version
   * once per media type and caller and serves the same bytes until the version changes, which
   * makes a read cost little more than its load. Needs a version (`version`, or the stored
   * version of a document loaded through `db`); states without one are rendered every time.
   * Not with `prepare`: what it reads from other services is not part of the version.
   */
  cacheByVersion?: boolean;
  /** The parameters that address a given state: needed to link to it or embed it from its state. */
  params?: (state: TState) => TParams;
  /**
   * Makes the resource a lookup: GET answers `303 See Other` to the URL this returns (a ticket
   * found by its order, say), which clients follow. Actions still work on the resource itself.
   */
  seeOther?: (state: TState, context: RequestContext<TParams, TPrepared>) => string;
  /** The resource's properties. */
  properties?: (
    state: TState,
    context: RequestContext<TParams, TPrepared>,
  ) => Record<string, unknown>;
  /** The links besides `self`. A link that is undefined is left out: that is how links follow state. */
  links?: (state: TState, context: RequestContext<TParams, TPrepared>) => Awaitable<LinkMap>;
  /** The embedded resources. */
  embedded?: (state: TState, context: RequestContext<TParams, TPrepared>) => Awaitable<EmbeddedMap>;
}

/**
 * A resource of a service: where it lives, how it is loaded and represented, and the actions
 * that may be taken on it. Each action is declared once and drives its HAL-FORMS template,
 * input validation, the state guard's enforcement and `Allow`.
 *
 * @example
 * const order = defineResource('/orders/:id', {
 *   load: ({ params }) => orders.get(params.id),
 *   properties: (order) => ({ status: order.status }),
 * }).action('cancel', {
 *   method: 'DELETE',
 *   when: (order) => order.status === 'payment-expected',
 *   handle: ({ state }) => { state.status = 'cancelled'; },
 * });
 */
export class Resource<
  TState = Record<string, never>,
  TParams = Record<string, string | undefined>,
  TPrepared = undefined,
> {
  /** The path, taken apart. */
  readonly path: ParsedPath;
  /** The options the resource was declared with. */
  readonly options: ResourceOptions<TState, TParams, TPrepared>;
  readonly #actions: ActionDeclaration[] = [];

  /** Declares a resource; prefer {@link defineResource}, which infers the parameter types. */
  constructor(path: string, options: ResourceOptions<TState, TParams, TPrepared>) {
    this.path = parsePath(path, 'defineResource()');
    for (const name of options.query ?? []) {
      if (this.path.names.includes(name))
        throw new TypeError(
          `defineResource(): "${name}" is both a path and a query parameter of ${path}`,
        );
    }
    this.options = options;
  }

  /** The actions, in the order they were declared (the order of `_templates`). */
  get actions(): readonly ActionDeclaration[] {
    return this.#actions;
  }

  /** The resource's title, or its path. */
  get title(): string {
    return this.options.title ?? this.path.route;
  }

  /**
   * Declares an action. Names are the author's: a single action becomes the `default` template
   * only when it is called `default`.
   */
  action<const TSchema extends JsonSchema | undefined = undefined>(
    name: string,
    options: ActionOptions<TState, TParams, TSchema, TPrepared>,
  ): this {
    if (typeof name !== 'string' || name === '')
      throw new TypeError('Resource.action(): the name must be a non-empty string');
    if (this.#actions.some((action) => action.name === name)) {
      throw new TypeError(`Resource.action(): ${this.path.route} already has an action "${name}"`);
    }
    this.#actions.push({ name, options: options as ActionDeclaration['options'] });
    return this;
  }

  /** Whether `caller` may read the resource: its `allow` says so, or it has none. */
  readableBy(caller: Caller | undefined): boolean {
    return this.options.allow?.(caller) ?? true;
  }

  /** The RFC 6570 template of the resource's URL, relative to the service's root: `/orders/{id}`, `/payments{?order}`. */
  uriTemplate(): string {
    const query = this.options.query ?? [];
    return query.length === 0 ? this.path.template : `${this.path.template}{?${query.join(',')}}`;
  }

  /** The resource's path for the given parameters, relative to the service's root. */
  href(params: TParams): string {
    return expandUriTemplate(this.uriTemplate(), params as Record<string, string>);
  }
}

/**
 * Declares a resource at `path` (literal segments and `:name` parameters). The parameter types
 * come from the path and the `query` option.
 *
 * @example defineResource('/orders/:id', { load: ({ params }) => orders.get(params.id) })
 */
export function defineResource<
  const TPath extends string,
  TState = Record<string, never>,
  const TQuery extends string = never,
  TPrepared = undefined,
>(
  path: TPath,
  options: ResourceOptions<TState, ResourceParams<TPath, TQuery>, TPrepared> & {
    query?: readonly TQuery[];
  },
): Resource<TState, ResourceParams<TPath, TQuery>, TPrepared> {
  return new Resource(path, options);
}
