import type { ResolvedLink } from '@halway/hal';
import { Follower, type FollowOptions } from './follower.js';
import type { Form } from './form.js';
import type { ClientCore, FoundWith } from './internal/core.js';
import { parseEmbeddedUrl } from './internal/embedded-pointer.js';
import { withoutFragment } from './internal/exchange.js';
import type { RequestOptions } from './options.js';
import { PendingForm } from './pending-form.js';
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
 * A handle on a resource: a URL, plus the embedded snapshot it was found with, if any. Making
 * one costs nothing; `get()` loads its state through the HTTP cache.
 *
 * @example
 * const order = client.go('https://orders.example/orders/17');
 * const state = await order.get();
 * await order.form('cancel').submit({});
 */
export class Resource<T extends ResourceType = ResourceType> {
  /** The resource's URL (for an embedded resource without `self`, a URL pointing into its parent). */
  readonly url: string;
  /** The link this resource was reached by, if any. */
  readonly via: ResolvedLink | undefined;
  readonly #core: ClientCore;
  readonly #snapshot: State<T> | undefined;
  readonly #generation: number;

  /** Creates a handle; use `client.go()` or `follow()` rather than this constructor. */
  constructor(core: ClientCore, url: string, found: FoundWith<T> = {}) {
    this.#core = core;
    this.url = url;
    this.#snapshot = found.snapshot;
    this.via = found.via;
    this.#generation = core.generation(withoutFragment(url));
  }

  /**
   * The embedded copy this resource was found with, while the resource has not changed since
   * (an unsafe request to it makes the snapshot stale).
   */
  get snapshot(): State<T> | undefined {
    if (!this.#snapshot) return undefined;
    return this.#core.generation(withoutFragment(this.url)) === this.#generation
      ? this.#snapshot
      : undefined;
  }

  /**
   * The resource's state. With the default cache mode, an embedded snapshot answers without a
   * request; otherwise the HTTP cache decides (fresh: no request; stale: a conditional one).
   */
  async get(options: RequestOptions = {}): Promise<State<T>> {
    const snapshot = this.snapshot;
    if (snapshot && (options.cache ?? 'default') === 'default') return snapshot;
    return this.#load(options);
  }

  /** The canonical state from the server: revalidated even when fresh, never a snapshot. */
  refresh(options: RequestOptions = {}): Promise<State<T>> {
    return this.get({ ...options, cache: options.cache ?? 'no-cache' });
  }

  /**
   * Listens to changes of this resource: `update` when the client gets a new representation of
   * it from the server (a 200 to a GET, or the state a submission returned), `stale` when an
   * unsafe request invalidates it. Returns a function that stops listening.
   *
   * @example
   * const stop = order.on('update', (state) => render(state));
   */
  on(type: 'update', listener: (state: State<T>) => void): () => void;
  on(type: 'stale', listener: () => void): () => void;
  on(type: 'update' | 'stale', listener: ((state: State<T>) => void) | (() => void)): () => void {
    if (type !== 'update' && type !== 'stale') {
      throw new TypeError(`Resource.on(): unknown event "${String(type)}"`);
    }
    if (typeof listener !== 'function') throw new TypeError('Resource.on(): give a function');
    return this.#core.listen(withoutFragment(this.url), (event) => {
      if (event.type === 'update' && type === 'update') listener(event.state as State<T>);
      if (event.type === 'stale' && type === 'stale') (listener as () => void)();
    });
  }

  /** Follows a relation: a lazy chain that resolves to the target resource. */
  follow<TRel extends RelOf<T>>(
    rel: TRel,
    options: FollowOptions = {},
  ): Follower<LinkTargetOf<T, TRel>> {
    return new Follower((request) => this.resolve(rel, options, request));
  }

  /** Every resource a relation leads to. */
  async followAll<TRel extends RelOf<T>>(
    rel: TRel,
    options: Omit<FollowOptions, 'index'> = {},
    request: RequestOptions = {},
  ): Promise<Resource<LinkTargetOf<T, TRel>>[]> {
    const state = await this.get(request);
    return state.followAll(rel, options);
  }

  /** Loads this resource's state and finds the resource a relation leads to. */
  async resolve<TRel extends RelOf<T>>(
    rel: TRel,
    options: FollowOptions = {},
    request: RequestOptions = {},
  ): Promise<Resource<LinkTargetOf<T, TRel>>> {
    const state = await this.get(request);
    // An embedded snapshot may be partial: when it lacks the relation, ask for the real thing.
    if (state.source === 'embedded' && !state.has(rel) && this.#fetchable()) {
      return (await this.#load(request)).resolve(rel, options);
    }
    return state.resolve(rel, options);
  }

  /** A form of this resource (the default template when no name is given). */
  form(): PendingForm<DefaultFormOf<T>>;
  form<TName extends FormNameOf<T>>(name: TName): PendingForm<FormOf<T, TName>>;
  form(name?: string): PendingForm {
    return new PendingForm((options) => this.loadForm(name, options));
  }

  /** Loads the state and takes a form from it; a partial snapshot falls back to the server. */
  async loadForm(name: string | undefined, options: RequestOptions = {}): Promise<Form> {
    let state = (await this.get(options)) as State;
    if (state.source === 'embedded' && !state.hasForm(name) && this.#fetchable()) {
      state = (await this.#load(options)) as State;
    }
    return state.form(name as string);
  }

  // Fallbacks must not be answered by the very snapshot they are replacing.
  #load(options: RequestOptions): Promise<State<T>> {
    return this.#core.loadState<T>(this.url, options, { rel: this.via?.rel, via: this.via });
  }

  // An embedded resource without self can only be reloaded as part of its parent, which
  // embeds the same partial copy: asking again would cost a request and change nothing.
  #fetchable(): boolean {
    return parseEmbeddedUrl(this.url) === undefined;
  }
}
