import type { Request } from 'express';
import type { Caller } from '../auth/authentication.js';
import { callerScope } from '../auth/caller.js';
import { HttpProblem } from '../errors.js';
import type { Reply } from '../http/reply.js';
import {
  fingerprintOf,
  idempotencyKeyOf,
  scopedKey,
  storable,
} from '../idempotency/idempotency.js';
import type { CompiledAction } from '../resource/compile.js';
import type { ServiceRuntime } from '../resource/runtime.js';

/** What a request's `Idempotency-Key` allows: run (then complete or release the key), or replay. */
export type IdempotencyClaim =
  | { kind: 'run'; complete(reply: Reply): Promise<void>; release(): Promise<void> }
  | { kind: 'replay'; reply: Reply };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NOTHING: IdempotencyClaim = {
  kind: 'run',
  complete: () => Promise.resolve(),
  release: () => Promise.resolve(),
};

/**
 * Claims a request's `Idempotency-Key`: the first request runs; a repeat with the same payload
 * replays the stored reply; one with another payload is 422; one while the first still runs is
 * 409; an action that requires a key refuses a request without one with 400. Keys are scoped
 * by caller and kept for the service's idempotency ttl.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export async function claimIdempotencyKey(
  runtime: ServiceRuntime,
  action: CompiledAction,
  request: Request,
  caller: Caller | undefined,
): Promise<IdempotencyClaim> {
  if (!UNSAFE.has(request.method)) return NOTHING;
  const key = idempotencyKeyOf(request);
  if (key === undefined) {
    const { options } = action.declaration;
    if ('handle' in options && options.requireIdempotencyKey) {
      throw new HttpProblem('IDEMPOTENCY_KEY_MISSING', {
        detail: `"${action.name}" must be sent with an Idempotency-Key header`,
      });
    }
    return NOTHING;
  }
  const { store, ttl } = runtime.idempotency;
  const stored = scopedKey(callerScope(caller), key);
  const fingerprint = fingerprintOf(request);
  const record = await store.begin(stored, fingerprint, ttl);
  if (record.state !== 'new' && record.fingerprint !== fingerprint) {
    throw new HttpProblem('IDEMPOTENCY_KEY_REUSED', {
      detail: 'This Idempotency-Key was used for a different request; use a new key',
    });
  }
  if (record.state === 'in-progress') {
    throw new HttpProblem('IDEMPOTENCY_KEY_IN_USE', {
      detail: 'A request with this Idempotency-Key is still being processed',
      headers: { 'Retry-After': '1' },
    });
  }
  if (record.state === 'completed') return { kind: 'replay', reply: record.response };
  return {
    kind: 'run',
    complete: (reply) => store.complete(stored, storable(reply)),
    release: () => store.release(stored),
  };
}
