import type Database from 'better-sqlite3';
import type { OutboxRow, OutboxTable } from './engine.js';
import type { Mutex } from './serialize.js';
import { whileBusy } from './sqlite-busy.js';
import { OUTBOX_COLUMNS } from './sql-schema.js';

/**
 * The outbox table of the SQLite engine. Each call is one short statement on the writer
 * connection, taken in turn with the actions' transactions (the same lock), so a lease taken by
 * one process is seen by every other before it can take the same message.
 */
export function createSqliteOutboxTable(
  writer: Database.Database,
  mutex: Mutex,
  synchronous: 'FULL' | 'NORMAL',
): OutboxTable {
  // The relay calls these all the time: prepare them once (the tables exist by now).
  const statements = {
    due: writer.prepare(
      `SELECT id, origin FROM halway_outbox o
       WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?
         AND origin NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM halway_outbox e WHERE e.stream = o.stream AND e.seq < o.seq AND e.status = 'pending')
       ORDER BY seq LIMIT ?`,
    ),
    lease: writer.prepare(
      `UPDATE halway_outbox SET lease_until = ?, attempts = attempts + 1
       WHERE id IN (SELECT value FROM json_each(?)) AND status = 'pending' AND lease_until <= ?
       RETURNING ${OUTBOX_COLUMNS}`,
    ),
    savePending: writer.prepare(`UPDATE halway_outbox SET pending = ? WHERE id = ?`),
    delivered: writer.prepare(`DELETE FROM halway_outbox WHERE id = ?`),
    reschedule: writer.prepare(
      `UPDATE halway_outbox SET next_attempt_at = ?, last_error = ?, lease_until = 0 WHERE id = ?`,
    ),
    fail: writer.prepare(
      `UPDATE halway_outbox SET status = 'failed', last_error = ?, lease_until = 0 WHERE id = ?`,
    ),
    retry: writer.prepare(
      `UPDATE halway_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = 0
       WHERE id = ? AND status = 'failed'`,
    ),
    list: writer.prepare(
      `SELECT ${OUTBOX_COLUMNS} FROM halway_outbox WHERE status = ? ORDER BY seq LIMIT ? OFFSET ?`,
    ),
    one: writer.prepare(`SELECT ${OUTBOX_COLUMNS} FROM halway_outbox WHERE id = ?`),
    stats: writer.prepare(
      `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              min(created_at) FILTER (WHERE status = 'pending') AS oldest
       FROM halway_outbox`,
    ),
  };
  // Another process may hold the write lock for a moment: wait for it without blocking.
  const run = <T>(work: () => T): Promise<T> =>
    mutex.run(() =>
      whileBusy(
        work,
        (attempt) => attempt <= 2000,
        () => new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 5)),
      ),
    );
  // A lease, a delivery done or a rescheduling that a power loss undoes costs a message sent
  // again under its key, which the peer replays: these commits skip the disk flush (a process
  // crash keeps them all the same), where an encoded request to resend, or a refusal, does not.
  const relaxed = <T>(work: () => T): Promise<T> =>
    run(() => {
      if (synchronous === 'NORMAL') return work();
      writer.pragma('synchronous = NORMAL');
      try {
        return work();
      } finally {
        writer.pragma(`synchronous = ${synchronous}`);
      }
    });
  return {
    due: (now, limit, skip) =>
      run(
        () =>
          statements.due.all(now, now, JSON.stringify(skip), limit) as {
            id: string;
            origin: string;
          }[],
      ),
    lease: (ids, now, until) =>
      relaxed(() =>
        ids.length === 0
          ? []
          : (statements.lease.all(until, JSON.stringify(ids), now) as OutboxRow[]),
      ),
    savePending: (id, pending) =>
      run(() => {
        statements.savePending.run(pending, id);
      }),
    delivered: (id) =>
      relaxed(() => {
        statements.delivered.run(id);
      }),
    reschedule: (id, nextAttemptAt, lastError) =>
      relaxed(() => {
        statements.reschedule.run(nextAttemptAt, lastError, id);
      }),
    fail: (id, lastError) =>
      run(() => {
        statements.fail.run(lastError, id);
      }),
    retry: (id, now) => run(() => statements.retry.run(now, id).changes > 0),
    list: (status, limit, offset) =>
      run(() => statements.list.all(status, limit, offset) as OutboxRow[]),
    one: (id) => run(() => statements.one.get(id) as OutboxRow | undefined),
    stats: () =>
      run(() => {
        const row = statements.stats.get() as {
          pending: number;
          failed: number;
          oldest: number | null;
        };
        return {
          pending: row.pending,
          failed: row.failed,
          oldestPendingAt: row.oldest ?? undefined,
        };
      }),
  };
}
