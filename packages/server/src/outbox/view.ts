import type { OutboxRow, OutboxTable } from '../storage/engine.js';
import type { OutboxRelay } from './relay.js';

/** A message of the outbox, as operators and tests see it. */
export interface OutboxMessage {
  /** Its id. */
  id: string;
  /** What it is for. */
  description: string;
  /** The resource whose form it submits. */
  target: string;
  /** The form's name. */
  form: string;
  /** The values it submits. */
  values: Record<string, unknown>;
  /** Messages of one stream are delivered in order. */
  stream: string;
  /** `pending` until delivered (then it is gone), `failed` once refused for good. */
  status: 'pending' | 'failed';
  /** Attempts so far. */
  attempts: number;
  /** When it was queued (ms since the epoch). */
  createdAt: number;
  /** When it is tried next (ms since the epoch). */
  nextAttemptAt: number;
  /** Why the last attempt failed. */
  lastError: string | null;
}

/** The backlog of an outbox. */
export interface OutboxStats {
  /** Messages not delivered yet. */
  pending: number;
  /** Messages refused for good, kept for operators. */
  failed: number;
  /** How long the oldest pending message has waited, in ms (undefined without any). */
  oldestPendingAgeMs: number | undefined;
}

/** A service's outbox: what waits to be delivered, what was refused, and delivery now. */
export interface ServiceOutbox {
  /** The backlog. */
  stats(): Promise<OutboxStats>;
  /** Messages by status, oldest first (at most `limit`, default 100). */
  messages(status: 'pending' | 'failed', limit?: number): Promise<OutboxMessage[]>;
  /** Puts a failed message back in the queue; false when there is no such failed message. */
  retry(id: string): Promise<boolean>;
  /** Delivers what is due until nothing is pending or `timeout` ms passed; resolves with what is left. */
  drain(timeout?: number): Promise<number>;
}

/** An outbox message from its row. */
export function messageOf(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    description: row.description,
    target: row.target,
    form: row.form,
    values: JSON.parse(row.values) as Record<string, unknown>,
    stream: row.stream,
    status: row.status,
    attempts: Number(row.attempts),
    createdAt: Number(row.createdAt),
    nextAttemptAt: Number(row.nextAttemptAt),
    lastError: row.lastError,
  };
}

/** The backlog of an outbox table. */
export async function outboxStats(table: OutboxTable): Promise<OutboxStats> {
  const { pending, failed, oldestPendingAt } = await table.stats();
  return {
    pending,
    failed,
    oldestPendingAgeMs: oldestPendingAt === undefined ? undefined : Date.now() - oldestPendingAt,
  };
}

/** A service's outbox over its table and relay. */
export function serviceOutbox(table: OutboxTable, relay: OutboxRelay): ServiceOutbox {
  return {
    stats: () => outboxStats(table),
    messages: async (status, limit = 100) => (await table.list(status, limit, 0)).map(messageOf),
    async retry(id) {
      const retried = await table.retry(id, Date.now());
      if (retried) relay.wake();
      return retried;
    },
    drain: (timeout) => relay.drain(timeout),
  };
}
