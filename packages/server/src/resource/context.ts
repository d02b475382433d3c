import type { HalDocument } from '@halway/hal';
import type { Request } from 'express';
import type { Caller } from '../auth/authentication.js';
import type { Logger } from '../logger.js';
import type { Peers } from '../peers/peers.js';
import type { Documents, Transaction } from '../storage/types.js';
import type { AnyResource, ResourceOf, ResourceWithParams } from './resource.js';

/**
 * What a loader, a guard, a link builder or a handler knows about the request it serves.
 */
export interface RequestContext<TParams = Record<string, string | undefined>, TPrepared = unknown> {
  /** The parameters that address the resource: path parameters and declared query parameters. */
  readonly params: TParams;
  /** The request's query parameters. */
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  /** The Express request, for headers and anything else. */
  readonly request: Request;
  /**
   * The path of the resource this request is about (mount point and addressing query included),
   * e.g. `/orders/17`: for links to itself, without naming the resource being declared.
   */
  readonly self: string;
  /** The path this service is mounted at ('' at the root). */
  readonly basePath: string;
  /** The service's logger. */
  readonly log: Logger;
  /** Who is calling, as the service's authentication says; undefined when anonymous. */
  readonly caller: Caller | undefined;
  /** The other services this one links into and calls, by name. */
  readonly peers: Peers;
  /**
   * The service's documents. During an action it is the action's transaction: what `load`
   * reads through it is locked until the action commits.
   */
  readonly db: Documents;
  /** What the resource's `prepare` returned for this request (peer reads made before any transaction). */
  readonly prepared: TPrepared;
  /**
   * The path of a resource of this service (mount point included).
   *
   * @example context.href(order, { id: '17' }) // '/orders/17'
   */
  href<TResourceParams>(
    resource: ResourceWithParams<TResourceParams>,
    params: TResourceParams,
  ): string;
  /**
   * An absolute URL for a path of this service, for links other services keep (an order's URL
   * in a payment). It uses the service's `publicUrl`, or else the request's protocol and Host
   * (or a trusted proxy's `Forwarded` / `X-Forwarded-*`: see `ServiceOptions.trustProxy`).
   *
   * @example context.absoluteUrl(context.href(order, { id: '17' })) // 'http://localhost:4001/orders/17'
   */
  absoluteUrl(path: string): string;
  /** The RFC 6570 template of a resource of this service, e.g. `/orders/{id}`. */
  uriTemplate(resource: AnyResource): string;
  /**
   * The full representation of a resource of this service in a given state, to embed it. The
   * resource needs a `params` option so that its `self` can be derived from the state.
   */
  represent<TState>(resource: ResourceOf<TState>, state: TState): Promise<HalDocument>;
}

/**
 * What a resource's `prepare` knows: the request, with `db` reading committed documents
 * (nothing is locked: it runs before any transaction, to read other services without holding a
 * lock while they answer).
 */
export type PrepareContext<TParams = Record<string, string | undefined>> = Omit<
  RequestContext<TParams>,
  'prepared' | 'represent'
>;

/**
 * What an action's handler knows: the request, the current state, the validated input, and the
 * transaction everything it writes goes through.
 */
export interface ActionContext<TState, TParams, TInput, TPrepared = unknown> extends RequestContext<
  TParams,
  TPrepared
> {
  /** The resource's state, loaded for this request; changes to it are saved when the handler returns. */
  readonly state: TState;
  /** The validated input, defaults applied. */
  readonly input: TInput;
  /**
   * The action's transaction: documents to insert or read, messages to other services
   * (`db.send`), and SQL for the application's own tables. It commits with the action's state
   * change and idempotency record, or not at all.
   */
  readonly db: Transaction;
}
