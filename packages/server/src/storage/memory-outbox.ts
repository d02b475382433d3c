import type { OutboxRow, OutboxTable } from './engine.js';

/** A failed message put back in the queue, due at `now`, its attempts counted afresh. */
export function requeued(row: OutboxRow, now: number): OutboxRow {
  return { ...row, status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: 0 };
}

/** The outbox of the memory engine: messages in a map, in the order they were queued. */
export function createMemoryOutboxTable(messages: Map<string, OutboxRow>): OutboxTable {
  const change = (id: string, fields: Partial<OutboxRow>) => {
    const row = messages.get(id);
    if (row) messages.set(id, { ...row, ...fields });
    return Promise.resolve();
  };
  return {
    due(now, limit, skip) {
      const heads = new Set<string>();
      const due: { id: string; origin: string }[] = [];
      for (const row of messages.values()) {
        if (row.status !== 'pending' || heads.has(row.stream)) continue;
        heads.add(row.stream);
        if (
          row.nextAttemptAt <= now &&
          row.leaseUntil <= now &&
          due.length < limit &&
          !skip.includes(row.origin)
        )
          due.push({ id: row.id, origin: row.origin });
      }
      return Promise.resolve(due);
    },
    lease(ids, now, until) {
      const leased: OutboxRow[] = [];
      for (const id of ids) {
        const row = messages.get(id);
        if (!row || row.status !== 'pending' || row.leaseUntil > now) continue;
        const next = { ...row, leaseUntil: until, attempts: row.attempts + 1 };
        messages.set(id, next);
        leased.push({ ...next });
      }
      return Promise.resolve(leased);
    },
    savePending: (id, pending) => change(id, { pending }),
    delivered(id) {
      messages.delete(id);
      return Promise.resolve();
    },
    reschedule: (id, nextAttemptAt, lastError) =>
      change(id, { nextAttemptAt, lastError, leaseUntil: 0 }),
    fail: (id, lastError) => change(id, { status: 'failed', lastError, leaseUntil: 0 }),
    retry(id, now) {
      const row = messages.get(id);
      if (!row || row.status !== 'failed') return Promise.resolve(false);
      messages.set(id, requeued(row, now));
      return Promise.resolve(true);
    },
    list(status, limit, offset) {
      const rows = [...messages.values()].filter((row) => row.status === status);
      return Promise.resolve(rows.slice(offset, offset + limit).map((row) => ({ ...row })));
    },
    one: (id) => Promise.resolve(messages.has(id) ? { ...messages.get(id)! } : undefined),
    stats() {
      let pending = 0;
      let failed = 0;
      let oldestPendingAt: number | undefined;
      for (const row of messages.values()) {
        if (row.status === 'failed') failed++;
        else {
          pending++;
          oldestPendingAt = Math.min(oldestPendingAt ?? row.createdAt, row.createdAt);
        }
      }
      return Promise.resolve({ pending, failed, oldestPendingAt });
    },
  };
}
