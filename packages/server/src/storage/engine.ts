import type { FindQuery } from './types.js';

/** A document as an engine keeps it: its JSON text and its version. */
export interface DocumentRow {
  kind: string;
  id: string;
  key: string | null;
  version: number;
  data: string;
}

/** A kept response to an idempotency key. */
export interface IdempotencyRow {
  key: string;
  fingerprint: string;
  response: string;
  expiresAt: number;
}

/** An outbox message as an engine keeps it. */
export interface OutboxRow {
  id: string;
  stream: string;
  origin: string;
  description: string;
  target: string;
  form: string;
  values: string;
  idempotencyKey: string;
  pending: string | null;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number;
  lastError: string | null;
  status: 'pending' | 'failed';
  createdAt: number;
}

/** Reads of an engine; inside a write transaction, `get` and `getByKey` lock what they read. */
export interface EngineReader {
  get(kind: string, id: string): Promise<DocumentRow | undefined>;
  getByKey(kind: string, key: string): Promise<DocumentRow | undefined>;
  find(kind: string, query: FindQuery): Promise<{ rows: DocumentRow[]; total: number }>;
}

/** The operations of one write transaction of an engine. */
export interface EngineTransaction extends EngineReader {
  insert(row: DocumentRow): Promise<void>;
  update(row: DocumentRow): Promise<void>;
  remove(kind: string, id: string): Promise<void>;
  /** Takes the key for this transaction; false when another transaction holds it now. */
  lockKey(key: string): Promise<boolean>;
  readKey(key: string, now: number): Promise<IdempotencyRow | undefined>;
  writeKey(row: IdempotencyRow): Promise<void>;
  enqueue(row: OutboxRow): Promise<void>;
  /** Puts a message refused for good back in the queue, at commit; false when there is no such failed message. */
  retryMessage(id: string, now: number): Promise<boolean>;
  savepoint(): Promise<void>;
  rollbackToSavepoint(): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/** What the outbox relay asks of an engine: each call is a short transaction of its own. */
export interface OutboxTable {
  /**
   * Due messages, oldest first, only the first pending message of each stream, none to the
   * origins in `skip` (those the relay is already sending its most to).
   */
  due(
    now: number,
    limit: number,
    skip: readonly string[],
  ): Promise<{ id: string; origin: string }[]>;
  /** Leases the given messages until `until`, if nobody holds them; returns those leased. */
  lease(ids: readonly string[], now: number, until: number): Promise<OutboxRow[]>;
  /** Keeps the encoded request of a message, resent as is from then on. */
  savePending(id: string, pending: string): Promise<void>;
  /** Removes a delivered message. */
  delivered(id: string): Promise<void>;
  /** Schedules another attempt. */
  reschedule(id: string, nextAttemptAt: number, lastError: string): Promise<void>;
  /** Marks a message refused for good. */
  fail(id: string, lastError: string): Promise<void>;
  /** Puts a failed message back in the queue. */
  retry(id: string, now: number): Promise<boolean>;
  /** Messages by status, oldest first. */
  list(status: 'pending' | 'failed', limit: number, offset: number): Promise<OutboxRow[]>;
  /** One message. */
  one(id: string): Promise<OutboxRow | undefined>;
  /** Counts and the creation time of the oldest pending message. */
  stats(): Promise<{ pending: number; failed: number; oldestPendingAt: number | undefined }>;
}

/** One storage engine: SQLite, PostgreSQL or memory. */
export interface Engine {
  readonly name: 'memory' | 'sqlite' | 'postgres';
  /** Runs reads outside any write transaction, on committed data. */
  read<T>(work: (reader: EngineReader) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a write transaction: serialized with every other transaction that touches
   * the same documents, committed when it resolves, rolled back when it throws, retried from
   * the start (up to a bound) when the engine reports a conflict, and rolled back with a 503
   * past `timeout` ms.
   */
  write<T>(work: (tx: EngineTransaction) => Promise<T>, timeout: number): Promise<T>;
  readonly outbox: OutboxTable;
  /** Deletes idempotency keys that expired before `now`. */
  purgeKeys(now: number): Promise<number>;
  close(): Promise<void>;
}
