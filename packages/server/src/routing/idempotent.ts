import type { IncomingRequest } from '../http/incoming.js';
import type { Caller } from '../auth/authentication.js';
import { callerScope } from '../auth/caller.js';
import { HttpProblem } from '../errors.js';
import type { Reply } from '../http/reply.js';
import {
  fingerprintOf,
  idempotencyKeyOf,
  scopedKey,
  storable,
  type StoredResponse,
} from '../idempotency/idempotency.js';
import type { CompiledAction } from '../resource/compile.js';
import type { EngineTransaction } from '../storage/engine.js';

/** A request's `Idempotency-Key` as the store files it (scoped by caller), and what the request was. */
export interface KeyedRequest {
  /** The key, scoped by caller, so keys of different callers never meet. */
  key: string;
  /** Method, target and payload: a retry must repeat them. */
  fingerprint: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The `Idempotency-Key` of an unsafe request, or undefined without one. A malformed key is a
 * 400, and so is a missing one when the action requires it.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export function keyedRequest(
  action: CompiledAction,
  request: IncomingRequest,
  caller: Caller | undefined,
): KeyedRequest | undefined {
  if (!UNSAFE.has(request.method)) return undefined;
  const key = idempotencyKeyOf(request);
  if (key === undefined) {
    const { options } = action.declaration;
    if ('handle' in options && options.requireIdempotencyKey) {
      throw new HttpProblem('IDEMPOTENCY_KEY_MISSING', {
        detail: `"${action.name}" must be sent with an Idempotency-Key header`,
      });
    }
    return undefined;
  }
  return { key: scopedKey(callerScope(caller), key), fingerprint: fingerprintOf(request) };
}

/**
 * Takes the key for the action's transaction and returns the reply kept for it, to replay, or
 * undefined when the action is to run. While another request holds the key: 409 with
 * `Retry-After`; kept for another payload: 422. A request that never committed kept nothing,
 * so its key is free again at once.
 */
export async function claimKey(
  tx: EngineTransaction,
  keyed: KeyedRequest,
): Promise<Reply | undefined> {
  if (!(await tx.lockKey(keyed.key))) {
    throw new HttpProblem('IDEMPOTENCY_KEY_IN_USE', {
      detail: 'A request with this Idempotency-Key is still being processed',
      headers: { 'Retry-After': '1' },
    });
  }
  const kept = await tx.readKey(keyed.key, Date.now());
  if (kept === undefined) return undefined;
  if (kept.fingerprint !== keyed.fingerprint) {
    throw new HttpProblem('IDEMPOTENCY_KEY_REUSED', {
      detail: 'This Idempotency-Key was used for a different request; use a new key',
    });
  }
  const reply = JSON.parse(kept.response) as StoredResponse;
  return { ...reply, headers: { ...reply.headers, 'Idempotent-Replayed': 'true' } };
}

/** Keeps the action's reply under its key, in the same transaction as the action's writes. */
export async function keepReply(
  tx: EngineTransaction,
  keyed: KeyedRequest,
  reply: Reply,
  ttl: number,
): Promise<void> {
  await tx.writeKey({
    key: keyed.key,
    fingerprint: keyed.fingerprint,
    response: JSON.stringify(storable(reply)),
    expiresAt: Date.now() + ttl,
  });
}
