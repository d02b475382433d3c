import { FormNotFoundError, HttpError, InvalidFormError, type HalwayClient } from '@halway/client';
import type { Logger } from '../logger.js';
import type { OutboxRow, OutboxTable } from '../storage/engine.js';

/** How one message is attempted and retried. */
export interface DeliverySettings {
  /** How long each request may take, in ms. */
  attemptTimeout: number;
  /** The first backoff, in ms. */
  minDelay: number;
  /** The longest backoff, in ms. */
  maxDelay: number;
  /** How many times a form its resource does not offer is tried. */
  formAttempts: number;
}

const RETRYABLE_STATUSES = new Set([408, 425, 429]);

// A delivery needs the outcome, not the target's new representation: the peer need not render
// one, and the client need not read it, nor load a created resource's Location.
const MINIMAL = { prefer: 'return=minimal' };

/**
 * One attempt at a leased message: the first reads the target's form and encodes the
 * submission, which is kept before it is sent and resent as is from then on (so a submission
 * whose response was lost is replayed by the peer, under the same `Idempotency-Key`, rather than
 * refused because its form is gone). Then the message is removed, rescheduled with backoff and
 * jitter, or refused for good.
 */
export async function deliver(
  table: OutboxTable,
  client: HalwayClient,
  log: Logger,
  settings: DeliverySettings,
  row: OutboxRow,
): Promise<void> {
  const timeout = settings.attemptTimeout;
  try {
    if (row.pending) {
      await client.replay(JSON.parse(row.pending) as never, { timeout, headers: MINIMAL });
    } else {
      const form = await client.go(row.target).loadForm(row.form, { cache: 'no-cache', timeout });
      const submission = await form.prepare(JSON.parse(row.values) as never, {
        idempotencyKey: row.idempotencyKey,
      });
      await table.savePending(row.id, JSON.stringify(submission.toJSON()));
      await submission.send({ timeout, headers: MINIMAL });
    }
    await table.delivered(row.id);
    log.info('outbox message delivered', {
      id: row.id,
      description: row.description,
      attempts: row.attempts,
    });
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (isFinal(error, row, settings.formAttempts)) {
      await table.fail(row.id, reason);
      log.error('outbox message refused for good', {
        id: row.id,
        description: row.description,
        error: reason,
      });
      return;
    }
    const backoff = Math.min(settings.maxDelay, settings.minDelay * 2 ** (row.attempts - 1));
    await table.reschedule(
      row.id,
      Date.now() + backoff / 2 + Math.random() * (backoff / 2),
      reason,
    );
    log.warn('outbox message not delivered yet', {
      id: row.id,
      description: row.description,
      attempts: row.attempts,
      error: reason,
    });
  }
}

// A refusal no retry will change: invalid values, a missing right, a state that says no (a 409
// without Retry-After), a resource that is gone; or a form its resource has not offered for
// `formAttempts` tries. Unreachable peers, timeouts, 5xx, 408, 425, 429 and "still in progress"
// are worth another try.
function isFinal(error: unknown, row: OutboxRow, formAttempts: number): boolean {
  if (error instanceof InvalidFormError) return true;
  if (error instanceof FormNotFoundError) return row.attempts >= formAttempts;
  if (!(error instanceof HttpError)) return false;
  if (error.status === 409) return !error.headers.has('retry-after');
  return error.status >= 400 && error.status < 500 && !RETRYABLE_STATUSES.has(error.status);
}
