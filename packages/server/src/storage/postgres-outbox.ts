import type { OutboxRow, OutboxTable } from './engine.js';
import { OUTBOX_COLUMNS } from './sql-schema.js';

type Run = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The outbox table of the PostgreSQL engine. A lease is taken by a conditional UPDATE: when two
 * processes try to lease one message, the second waits for the first's row lock, sees the
 * lease, and leaves the message alone, so no message is sent by two processes at once.
 */
export function createPostgresOutboxTable(run: Run): OutboxTable {
  return {
    due: async (now, limit, skip) =>
      (await run(
        `SELECT id, origin FROM halway_outbox o
         WHERE status = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1
           AND origin <> ALL($3::text[])
           AND NOT EXISTS (SELECT 1 FROM halway_outbox e WHERE e.stream = o.stream AND e.seq < o.seq AND e.status = 'pending')
         ORDER BY seq LIMIT $2`,
        [now, limit, skip],
      )) as { id: string; origin: string }[],
    lease: async (ids, now, until) =>
      ids.length === 0
        ? []
        : ((await run(
            `UPDATE halway_outbox SET lease_until = $1, attempts = attempts + 1
             WHERE id = ANY($2) AND status = 'pending' AND lease_until <= $3
             RETURNING ${OUTBOX_COLUMNS}`,
            [until, ids, now],
          )) as unknown as OutboxRow[]),
    savePending: async (id, pending) => {
      await run(`UPDATE halway_outbox SET pending = $1 WHERE id = $2`, [pending, id]);
    },
    delivered: async (id) => {
      await run(`DELETE FROM halway_outbox WHERE id = $1`, [id]);
    },
    reschedule: async (id, nextAttemptAt, lastError) => {
      await run(
        `UPDATE halway_outbox SET next_attempt_at = $1, last_error = $2, lease_until = 0 WHERE id = $3`,
        [nextAttemptAt, lastError, id],
      );
    },
    fail: async (id, lastError) => {
      await run(
        `UPDATE halway_outbox SET status = 'failed', last_error = $1, lease_until = 0 WHERE id = $2`,
        [lastError, id],
      );
    },
    retry: async (id, now) =>
      (
        await run(
          `UPDATE halway_outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_until = 0
           WHERE id = $2 AND status = 'failed' RETURNING id`,
          [now, id],
        )
      ).length > 0,
    list: async (status, limit, offset) =>
      (await run(
        `SELECT ${OUTBOX_COLUMNS} FROM halway_outbox WHERE status = $1 ORDER BY seq LIMIT $2 OFFSET $3`,
        [status, limit, offset],
      )) as unknown as OutboxRow[],
    one: async (id) =>
      (
        (await run(`SELECT ${OUTBOX_COLUMNS} FROM halway_outbox WHERE id = $1`, [
          id,
        ])) as unknown as OutboxRow[]
      )[0],
    stats: async () => {
      const [row] = (await run(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                min(created_at) FILTER (WHERE status = 'pending') AS oldest
         FROM halway_outbox`,
        [],
      )) as { pending: number; failed: number; oldest: number | null }[];
      return {
        pending: row?.pending ?? 0,
        failed: row?.failed ?? 0,
        oldestPendingAt: row?.oldest ?? undefined,
      };
    },
  };
}
