import type { LinkSelector, UriTemplateVariables } from '@halway/hal';
import type { RequestOptions } from './options.js';
import { PendingForm } from './pending-form.js';
import type { Resource } from './resource.js';
import type { State } from './state.js';
import type {
  DefaultFormOf,
  FormNameOf,
  FormOf,
  LinkTargetOf,
  RelOf,
  ResourceType,
} from './typing.js';

/**
 * How to pick the link to follow among those of a relation (`name`, `type`, `profile`, then
 * `index`), and the variables for a templated link.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6570
 */
export interface FollowOptions extends LinkSelector {
  /** Variables to expand a templated link with. */
  vars?: UriTemplateVariables;
}

/** Resolves a chain up to its last resource, with the request options of the call. */
type Resolve<T extends ResourceType> = (options: RequestOptions) => Promise<Resource<T>>;

/**
 * A lazy chain of `follow` calls. Nothing is requested until it is awaited (or `get`, `form`,
 * `followAll` is called); then each hop loads the state it needs, from the cache or embedded
 * snapshots when it can. Awaiting it gives the last resource.
 *
 * @example
 * const item = await client.go(home).follow('orders').follow('item', { vars: { id: 17 } });
 * const state = await client.go(home).follow('orders').get();
 */
export class Follower<T extends ResourceType = ResourceType> implements PromiseLike<Resource<T>> {
  readonly #resolve: Resolve<T>;
  #default: Promise<Resource<T>> | undefined;

  /** Wraps the function that resolves the chain; made by `follow`, not by hand. */
  constructor(resolve: Resolve<T>) {
    this.#resolve = resolve;
  }

  /** Resolves the chain to its last resource (requests run once, however often it is awaited). */
  then<TResult1 = Resource<T>, TResult2 = never>(
    onfulfilled?: ((value: Resource<T>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): PromiseLike<TResult1 | TResult2> {
    this.#default ??= this.#resolve({});
    return this.#default.then(onfulfilled, onrejected);
  }

  /** Follows one more relation from the resource this chain leads to. */
  follow<TRel extends RelOf<T>>(
    rel: TRel,
    options: FollowOptions = {},
  ): Follower<LinkTargetOf<T, TRel>> {
    return new Follower(async (request) => {
      const resource = await this.#resolve(request);
      return resource.resolve(rel, options, request);
    });
  }

  /** Every resource a relation of the last resource leads to. */
  async followAll<TRel extends RelOf<T>>(
    rel: TRel,
    options: Omit<FollowOptions, 'index'> = {},
    request: RequestOptions = {},
  ): Promise<Resource<LinkTargetOf<T, TRel>>[]> {
    const resource = await this.#resolve(request);
    return resource.followAll(rel, options, request);
  }

  /** Loads the state of the last resource; the options apply to every hop of the chain. */
  async get(options: RequestOptions = {}): Promise<State<T>> {
    const resource = await this.#resolve(options);
    return resource.get(options);
  }

  /** A form of the last resource (the default template when no name is given). */
  form(): PendingForm<DefaultFormOf<T>>;
  form<TName extends FormNameOf<T>>(name: TName): PendingForm<FormOf<T, TName>>;
  form(name?: string): PendingForm {
    return new PendingForm(async (options) => {
      const resource = (await this.#resolve(options)) as Resource;
      return resource.loadForm(name, options);
    });
  }
}
