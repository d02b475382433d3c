import type { PendingSubmission } from '@halway/client';

/** A form submission to another service, kept until it lands. */
export interface OutboxMessage {
  /** Identifies the message. */
  id: string;
  /** What it is for, for logs and operators. */
  description: string;
  /** URL of the resource whose form is submitted. */
  target: string;
  /** The template's name. */
  form: string;
  /** The values submitted. */
  values: Record<string, unknown>;
  /** The `Idempotency-Key` every attempt carries, so the peer applies the message once. */
  idempotencyKey: string;
  /** The request, once the form has been read and the values encoded: later attempts resend it as is. */
  pending?: PendingSubmission;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (epoch ms). */
  nextAttemptAt: number;
  /** Why the last attempt failed. */
  lastError?: string;
  /** `failed` once the peer has refused the message for good (a 4xx other than "try again"). */
  status: 'pending' | 'failed';
}

/**
 * Where an outbox keeps its messages. The default is memory; a store backed by the service's
 * database (in the same transaction as the change that caused the message) survives a crash.
 */
export interface OutboxStore {
  /** Adds or replaces a message. */
  save(message: OutboxMessage): Promise<void>;
  /** Removes a delivered message. */
  remove(id: string): Promise<void>;
  /** Every message kept, oldest first. */
  all(): Promise<OutboxMessage[]>;
}

/** An outbox store in memory. */
export function createMemoryOutboxStore(): OutboxStore {
  const messages = new Map<string, OutboxMessage>();
  return {
    save(message) {
      messages.set(message.id, structuredClone(message));
      return Promise.resolve();
    },
    remove(id) {
      messages.delete(id);
      return Promise.resolve();
    },
    all() {
      return Promise.resolve([...messages.values()].map((message) => structuredClone(message)));
    },
  };
}
