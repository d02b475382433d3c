import type { Request } from 'express';
import type { IncomingRequest } from '../http/incoming.js';
import { readsHeadersOnly } from './authentication.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import type { Caller } from './authentication.js';

const callers = new WeakMap<IncomingRequest, Promise<Caller | undefined>>();
const ANONYMOUS: Promise<Caller | undefined> = Promise.resolve(undefined);

/** Who is calling: authenticated once per request, whatever asks. */
export function callerOf(
  runtime: ServiceRuntime,
  request: IncomingRequest,
): Promise<Caller | undefined> {
  if (!runtime.authentication) return ANONYMOUS;
  let caller = callers.get(request);
  if (!caller) {
    const { authentication } = runtime;
    caller = Promise.resolve(
      authentication.authenticate(
        // Halway's own read headers only; someone else's may want Express's request.
        readsHeadersOnly(authentication) ? (request as Request) : runtime.toExpress(request),
      ),
    );
    callers.set(request, caller);
  }
  return caller;
}

/** The id idempotency keys are scoped by: the caller's, or one shared by anonymous callers. */
export function callerScope(caller: Caller | undefined): string {
  return caller ? `caller:${caller.id}` : 'anonymous';
}
