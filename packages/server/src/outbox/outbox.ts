import { randomUUID } from 'node:crypto';
import { FormNotFoundError, HttpError, InvalidFormError, type HalwayClient } from '@halway/client';
import { defaultLogger, type Logger } from '../logger.js';
import { createMemoryOutboxStore, type OutboxMessage, type OutboxStore } from './store.js';

/** What to send: a form of a resource of another service, and its values. */
export interface OutboxSend {
  /** What it is for, for logs and operators. */
  description: string;
  /** URL of the resource whose form to submit. */
  target: string;
  /** The template's name. */
  form: string;
  /** The values to submit. */
  values?: Record<string, unknown>;
}

/** How an outbox delivers. */
export interface OutboxOptions {
  /** The client to send with (a service's `peers.client`, whose credentials are scoped per peer). */
  client: HalwayClient;
  /** Where messages are kept (default: memory). */
  store?: OutboxStore;
  /** Where deliveries and failures are logged. */
  log?: Logger;
  /** The first backoff, in ms (default 200); it doubles per attempt, with jitter. */
  minDelay?: number;
  /** The longest backoff, in ms (default 30000). */
  maxDelay?: number;
  /** How often due messages are tried, in ms (default 1000; 0: only on `send` and `flush`). */
  interval?: number;
  /**
   * How many times to try a message whose form its resource does not offer (the state does not
   * allow it yet) before marking it failed (default 20).
   */
  formAttempts?: number;
}

/** Sends form submissions to other services until they land. */
export interface Outbox {
  /** Keeps a message and tries to deliver it at once; resolves when it is kept, not when delivered. */
  send(message: OutboxSend): Promise<OutboxMessage>;
  /** Tries every due message now (all of them with `force`); resolves when the attempts are over. */
  flush(force?: boolean): Promise<void>;
  /** The messages not delivered yet (and the failed ones). */
  messages(): Promise<OutboxMessage[]>;
  /** Stops the timer; messages stay in the store. */
  stop(): void;
}

const RETRYABLE_STATUSES = new Set([408, 425, 429]);

/**
 * An outbox: a notification to another service (a form submission, through the generic
 * client) that is kept, sent, and sent again with backoff while the peer is down or slow, with
 * the same `Idempotency-Key` every time, so that it lands exactly once. The first attempt reads
 * the form; once the request is encoded it is kept and resent as is, so a submission whose
 * response was lost is replayed by the peer rather than refused because its form is gone.
 *
 * @example
 * const outbox = createOutbox({ client: peers.client });
 * await outbox.send({ description: `order ${id} paid`, target: orderUrl, form: 'mark-paid', values: { receipt } });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const store = options.store ?? createMemoryOutboxStore();
  const log = options.log ?? defaultLogger();
  const minDelay = options.minDelay ?? 200;
  const maxDelay = options.maxDelay ?? 30_000;
  const formAttempts = options.formAttempts ?? 20;
  let running: Promise<void> | undefined;
  let again = false;
  let forceAgain = false;

  const deliver = async (message: OutboxMessage): Promise<void> => {
    message.attempts++;
    try {
      if (message.pending) {
        await options.client.replay(message.pending);
      } else {
        const form = await options.client
          .go(message.target)
          .loadForm(message.form, { cache: 'no-cache' });
        const submission = await form.prepare(message.values, {
          idempotencyKey: message.idempotencyKey,
        });
        message.pending = submission.toJSON();
        await store.save(message);
        await submission.send();
      }
      await store.remove(message.id);
      log.info('outbox message delivered', {
        id: message.id,
        description: message.description,
        attempts: message.attempts,
      });
    } catch (error) {
      message.lastError =
        error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (isFinal(error, message, formAttempts)) {
        message.status = 'failed';
        log.error('outbox message refused for good', {
          id: message.id,
          description: message.description,
          error: message.lastError,
        });
      } else {
        const backoff = Math.min(maxDelay, minDelay * 2 ** (message.attempts - 1));
        message.nextAttemptAt = Date.now() + backoff / 2 + Math.random() * (backoff / 2);
        log.warn('outbox message not delivered yet', {
          id: message.id,
          description: message.description,
          attempts: message.attempts,
          error: message.lastError,
        });
      }
      await store.save(message);
    }
  };

  const flush = (force = false): Promise<void> => {
    if (running) {
      // Asked again while a round runs: run one more round after it, forced if this call was.
      again = true;
      forceAgain ||= force;
      return running;
    }
    running = (async () => {
      let forced = force;
      do {
        again = false;
        const now = Date.now();
        const due = (await store.all()).filter(
          (message) => message.status === 'pending' && (forced || message.nextAttemptAt <= now),
        );
        for (const message of due) await deliver(message);
        forced = forceAgain;
        forceAgain = false;
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };

  const interval = options.interval ?? 1000;
  const timer = interval > 0 ? setInterval(() => void flush(), interval) : undefined;
  timer?.unref();

  return {
    async send(input) {
      const message: OutboxMessage = {
        id: randomUUID(),
        description: input.description,
        target: input.target,
        form: input.form,
        values: input.values ?? {},
        idempotencyKey: randomUUID(),
        attempts: 0,
        nextAttemptAt: Date.now(),
        status: 'pending',
      };
      await store.save(message);
      void flush();
      return message;
    },
    flush,
    messages: () => store.all(),
    stop: () => clearInterval(timer),
  };
}

// A refusal no retry will change: invalid values, a missing right, a state that says no
// (a 409 without Retry-After), a resource that is gone; or a form its resource has not offered
// for `formAttempts` tries. Unreachable peers, 5xx, 408, 425, 429 and "still in progress" are
// worth another try.
function isFinal(error: unknown, message: OutboxMessage, formAttempts: number): boolean {
  if (error instanceof InvalidFormError) return true;
  if (error instanceof FormNotFoundError) return message.attempts >= formAttempts;
  if (!(error instanceof HttpError)) return false;
  if (error.status === 409) return !error.headers.has('retry-after');
  return error.status >= 400 && error.status < 500 && !RETRYABLE_STATUSES.has(error.status);
}
