import type { Caller } from '../auth/authentication.js';
import { HttpProblem } from '../errors.js';
import type { CompiledResource } from '../resource/compile.js';
import type { ServiceRuntime } from '../resource/runtime.js';

/**
 * The refusal of something a caller may not do: 401 with the service's challenge when nobody
 * is identified (credentials may help), 403 otherwise (they would not).
 */
export function refusal(
  runtime: ServiceRuntime,
  caller: Caller | undefined,
  what: string,
): HttpProblem {
  if (caller === undefined) {
    const challenge = runtime.authentication?.challenge;
    return new HttpProblem('UNAUTHORIZED', {
      detail: `${what} needs credentials`,
      headers: challenge ? { 'WWW-Authenticate': challenge } : {},
    });
  }
  return new HttpProblem('FORBIDDEN', { detail: `${what} is not permitted to ${caller.id}` });
}

/** Throws the refusal when the resource's `allow` does not let the caller read it. */
export function checkReadable(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  caller: Caller | undefined,
  self: string,
): void {
  if (!owner.resource.readableBy(caller)) throw refusal(runtime, caller, `Reading ${self}`);
}
