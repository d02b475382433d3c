import { HalReader, type ResolvedLink } from '@halway/hal';
import { HttpError, LinkNotFoundError, Problem } from '../errors.js';
import type { DeprecationNotice, RequestOptions } from '../options.js';
import { RESOURCE_ACCEPT, readBody, type ReadBody } from '../representations.js';
import { Resource } from '../resource.js';
import { State, type StateSource } from '../state.js';
import type { ResourceType } from '../typing.js';
import { errorInit, withoutFragment, type CallContext, type HttpResult } from './exchange.js';
import { parseEmbeddedUrl } from './embedded-pointer.js';
import type { Transport } from './transport.js';

/** What a resource's listeners hear: a new state from the server, or that theirs is stale. */
export type ResourceEvent = { type: 'update'; state: State } | { type: 'stale'; url: string };

/** How a load came about: the labels its hops carry and the link that led to it. */
export interface LoadContext {
  /** The relation followed. */
  rel?: string | undefined;
  /** The template submitted. */
  template?: string | undefined;
  /** The link followed to reach the resource. */
  via?: ResolvedLink | undefined;
}

/** How to build a state from a response. */
export interface StateFromOptions {
  /** Where the state comes from. */
  source: StateSource;
  /** The link followed to reach it. */
  via?: ResolvedLink | undefined;
  /** The URL its relative links resolve against (default: the request's URL). */
  base?: string;
  /** The response's body, when the caller has read it already (it is then not parsed again). */
  body?: ReadBody;
}

/** What a resource handle is found with besides its URL. */
export interface FoundWith<T extends ResourceType> {
  /** An embedded copy of it. */
  snapshot?: State<T> | undefined;
  /** The link followed to reach it. */
  via?: ResolvedLink | undefined;
}

/**
 * The part of a client that resources, states and forms talk to: loading states, building
 * errors, tracking invalidations and reporting deprecations. Not public: the public surface is
 * `HalwayClient`.
 */
export class ClientCore {
  /** The transport all requests go through. */
  readonly transport: Transport;
  /** Whether submissions send `Prefer: return=representation`. */
  readonly preferRepresentation: boolean;
  readonly #onDeprecation: (notice: DeprecationNotice) => void;
  readonly #generations = new Map<string, number>();
  readonly #listeners = new Map<string, Set<(event: ResourceEvent) => void>>();

  /** Creates the core of a client. */
  constructor(
    transport: Transport,
    preferRepresentation: boolean,
    onDeprecation: (notice: DeprecationNotice) => void,
  ) {
    this.transport = transport;
    this.preferRepresentation = preferRepresentation;
    this.#onDeprecation = onDeprecation;
  }

  /** A handle on the resource at `url`, optionally with an embedded snapshot of it. */
  resource<T extends ResourceType>(url: string, found: FoundWith<T> = {}): Resource<T> {
    return new Resource<T>(this, url, found);
  }

  /** Loads the state of the resource at `url` (an embedded-resource URL loads its document). */
  async loadState<T extends ResourceType>(
    url: string,
    options: RequestOptions = {},
    context: LoadContext = {},
  ): Promise<State<T>> {
    const pointer = parseEmbeddedUrl(url);
    const documentUrl = pointer?.documentUrl ?? url;
    const headers = new Headers({ accept: RESOURCE_ACCEPT });
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const result = await this.transport.send(
      { method: 'GET', url: documentUrl, headers },
      { ...contextOf(options), rel: context.rel, template: context.template },
    );
    if (result.status >= 400) throw this.errorFrom(result);
    let state: State = this.stateFrom(result, { source: sourceOf(result), via: context.via });
    if (state.source === 'network' && result.status === 200) {
      this.emit(documentUrl, { type: 'update', state });
    }
    for (const step of pointer?.steps ?? []) {
      const item = state.embedded(step.rel)[step.index];
      if (!item) throw new LinkNotFoundError(step.rel, state.url, state.embeddedRels());
      state = item;
    }
    return state;
  }

  /** Builds a state from a response: its JSON object body, or an empty document. */
  stateFrom<T extends ResourceType>(result: HttpResult, options: StateFromOptions): State<T> {
    const body =
      options.body ?? readBody(result.headers.get('content-type'), result.body, result.status);
    const document =
      body.kind === 'json' && isJsonObject(body.value) ? body.value : ({} as Record<string, never>);
    return new State<T>(this, new HalReader(document, options.base ?? result.request.url), {
      status: result.status,
      headers: result.headers,
      source: options.source,
      via: options.via,
    });
  }

  /** The error for an error response: a `Problem` for problem documents, else an `HttpError`. */
  errorFrom(result: HttpResult): HttpError {
    const body = readBody(result.headers.get('content-type'), result.body, result.status);
    return body.kind === 'problem'
      ? new Problem(errorInit(result), body.problem)
      : new HttpError(errorInit(result));
  }

  /** How many times `url` has been invalidated: embedded snapshots older than that are stale. */
  generation(url: string): number {
    return this.#generations.get(url) ?? 0;
  }

  /** Records that `url` changed on the server, and tells its listeners. */
  invalidated(url: string): void {
    this.#generations.set(url, this.generation(url) + 1);
    this.emit(url, { type: 'stale', url });
  }

  /** Listens to the events of the resource at `url` (no fragment); returns the way to stop. */
  listen(url: string, listener: (event: ResourceEvent) => void): () => void {
    let set = this.#listeners.get(url);
    if (!set) this.#listeners.set(url, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(url);
    };
  }

  /** Tells the listeners of `url` (and of the state's own URL, when it differs). */
  emit(url: string, event: ResourceEvent): void {
    const urls = new Set([url]);
    if (event.type === 'update') urls.add(withoutFragment(event.state.url));
    for (const target of urls) {
      for (const listener of [...(this.#listeners.get(target) ?? [])]) {
        try {
          listener(event);
        } catch {
          // A listener's failure is its own: the request that caused the event went fine.
        }
      }
    }
  }

  /** Reports a deprecated link about to be followed. */
  reportDeprecation(link: ResolvedLink, href: string, from: string): void {
    const deprecation =
      link.deprecation ?? (link.hints?.status === 'deprecated' ? true : undefined);
    if (deprecation === undefined || deprecation === '') return;
    this.#onDeprecation({ rel: link.rel, href, deprecation, from });
  }
}

/** The transport context of a call's options. */
export function contextOf(options: RequestOptions): CallContext {
  return {
    signal: options.signal || undefined,
    timeout: options.timeout,
    cache: options.cache || undefined,
    rel: undefined,
    template: undefined,
    onHop: options.onHop || undefined,
  };
}

function sourceOf(result: HttpResult): StateSource {
  if (result.cache === 'hit') return 'cache';
  if (result.cache === 'revalidated') return 'revalidated';
  return 'network';
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
