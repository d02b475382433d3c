import type { HalFormsIdempotencyKey } from '@halway/hal';
import { problemType } from '../errors.js';

/**
 * What a template of an action that requires an `Idempotency-Key` says about it (the
 * `x-idempotency-key` extension): the header, and the problem a request without it gets, so a
 * client learns of the key from the form rather than from a 400.
 */
export function idempotencyKeyExtension(): HalFormsIdempotencyKey {
  return {
    required: true,
    header: 'Idempotency-Key',
    problem: problemType('IDEMPOTENCY_KEY_MISSING'),
  };
}
