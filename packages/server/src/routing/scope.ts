import type { IncomingRequest } from '../http/incoming.js';
import type { Caller } from '../auth/authentication.js';
import type { CompiledResource } from '../resource/compile.js';
import type { PrepareContext, RequestContext } from '../resource/context.js';
import { createRequestContext } from '../resource/create-context.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import type { Documents } from '../storage/types.js';

type Context = RequestContext<Record<string, string | undefined>>;

/** What addresses a request's resource: its `self`, its parameters and the caller. */
export interface Addressed {
  /** The resource's `self`. */
  self: string;
  /** Its parameters. */
  params: Record<string, string | undefined>;
  /** Who is calling. */
  caller: Caller | undefined;
}

/**
 * Runs the resource's `prepare` (peer reads, before any transaction) with committed documents;
 * undefined when the resource has none.
 */
export async function prepareFor(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  request: IncomingRequest,
  addressed: Addressed,
): Promise<unknown> {
  const prepare = owner.resource.options.prepare;
  if (!prepare) return undefined;
  return runtime.store.read((db) => {
    const context: PrepareContext = contextOf(runtime, request, addressed, db, undefined);
    return Promise.resolve(prepare(context));
  });
}

/**
 * Runs `work` on committed documents, with the request's context: `prepare` first, then a
 * reader as `context.db`. For GET, HEAD and OPTIONS, which lock nothing.
 */
export async function whileReading<T>(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  request: IncomingRequest,
  addressed: Addressed,
  work: (context: Context) => T | Promise<T>,
): Promise<T> {
  // Most resources have no `prepare`: skip the await (and its microtask) then.
  const prepared = owner.resource.options.prepare
    ? await prepareFor(runtime, owner, request, addressed)
    : undefined;
  return runtime.store.read((db) => {
    const result = work(contextOf(runtime, request, addressed, db, prepared));
    return result instanceof Promise ? result : Promise.resolve(result);
  });
}

/** The context of a request reading or writing through `db`. */
export function contextOf(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  addressed: Addressed,
  db: Documents,
  prepared: unknown,
): Context {
  return createRequestContext(
    runtime,
    request,
    addressed.self,
    addressed.params,
    addressed.caller,
    {
      db,
      prepared,
    },
  );
}
