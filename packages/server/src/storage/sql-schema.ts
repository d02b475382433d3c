/**
 * The tables Halway keeps in a service's database, as ordered migrations per engine. A
 * migration is applied once, in a transaction, at start-up; several processes starting at once
 * apply it once between them.
 */
export const SCHEMA_MIGRATIONS: Record<'sqlite' | 'postgres', readonly string[]> = {
  sqlite: [
    `CREATE TABLE halway_documents (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       kind TEXT NOT NULL,
       id TEXT NOT NULL,
       key TEXT,
       version INTEGER NOT NULL,
       data TEXT NOT NULL,
       UNIQUE (kind, id)
     );
     CREATE UNIQUE INDEX halway_documents_key ON halway_documents (kind, key) WHERE key IS NOT NULL;
     CREATE TABLE halway_idempotency (
       key TEXT PRIMARY KEY,
       fingerprint TEXT NOT NULL,
       response TEXT NOT NULL,
       expires_at INTEGER NOT NULL
     );
     CREATE INDEX halway_idempotency_expiry ON halway_idempotency (expires_at);
     CREATE TABLE halway_outbox (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL UNIQUE,
       stream TEXT NOT NULL,
       origin TEXT NOT NULL,
       description TEXT NOT NULL,
       target TEXT NOT NULL,
       form TEXT NOT NULL,
       "values" TEXT NOT NULL,
       idempotency_key TEXT NOT NULL,
       pending TEXT,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at INTEGER NOT NULL,
       lease_until INTEGER NOT NULL DEFAULT 0,
       last_error TEXT,
       status TEXT NOT NULL,
       created_at INTEGER NOT NULL
     );
     CREATE INDEX halway_outbox_due ON halway_outbox (status, next_attempt_at);
     CREATE INDEX halway_outbox_stream ON halway_outbox (stream, seq);`,
    // Due messages are found in queue order: walking (status, seq) stops after the first few,
    // where (status, next_attempt_at) made every scan sort the whole backlog; and whether a
    // message waits for an earlier one of its stream is one lookup in (stream, status, seq).
    `DROP INDEX halway_outbox_due;
     DROP INDEX halway_outbox_stream;
     CREATE INDEX halway_outbox_queue ON halway_outbox (status, seq);
     CREATE INDEX halway_outbox_stream_queue ON halway_outbox (stream, status, seq);`,
  ],
  postgres: [
    `CREATE TABLE halway_documents (
       seq BIGSERIAL PRIMARY KEY,
       kind TEXT NOT NULL,
       id TEXT NOT NULL,
       key TEXT,
       version BIGINT NOT NULL,
       data JSONB NOT NULL,
       CONSTRAINT halway_documents_id UNIQUE (kind, id)
     );
     CREATE UNIQUE INDEX halway_documents_key ON halway_documents (kind, key) WHERE key IS NOT NULL;
     CREATE TABLE halway_idempotency (
       key TEXT PRIMARY KEY,
       fingerprint TEXT NOT NULL,
       response TEXT NOT NULL,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX halway_idempotency_expiry ON halway_idempotency (expires_at);
     CREATE TABLE halway_outbox (
       seq BIGSERIAL PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       stream TEXT NOT NULL,
       origin TEXT NOT NULL,
       description TEXT NOT NULL,
       target TEXT NOT NULL,
       form TEXT NOT NULL,
       "values" TEXT NOT NULL,
       idempotency_key TEXT NOT NULL,
       pending TEXT,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at BIGINT NOT NULL,
       lease_until BIGINT NOT NULL DEFAULT 0,
       last_error TEXT,
       status TEXT NOT NULL,
       created_at BIGINT NOT NULL
     );
     CREATE INDEX halway_outbox_due ON halway_outbox (status, next_attempt_at);
     CREATE INDEX halway_outbox_stream ON halway_outbox (stream, seq);`,
    // Due messages are found in queue order: walking (status, seq) stops after the first few,
    // where (status, next_attempt_at) made every scan sort the whole backlog; and whether a
    // message waits for an earlier one of its stream is one lookup in (stream, status, seq).
    `DROP INDEX halway_outbox_due;
     DROP INDEX halway_outbox_stream;
     CREATE INDEX halway_outbox_queue ON halway_outbox (status, seq);
     CREATE INDEX halway_outbox_stream_queue ON halway_outbox (stream, status, seq);`,
  ],
};

/** The columns of an outbox row, in the order the engines' SQL lists them. */
export const OUTBOX_COLUMNS = `id, stream, origin, description, target, form, "values",
  idempotency_key AS "idempotencyKey", pending, attempts, next_attempt_at AS "nextAttemptAt",
  lease_until AS "leaseUntil", last_error AS "lastError", status, created_at AS "createdAt"`;

/** A JSON path for one top-level field, refusing names that would need escaping. */
export function fieldPath(field: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(field))
    throw new TypeError(`find(): "${field}" is not a field name find() can match on`);
  return field;
}

/**
 * The statements that index documents by a top-level field, for `find({ where })` on it:
 * `IF NOT EXISTS`, so they run at every start-up and a field added later gets its index.
 */
export function fieldIndexes(engine: 'sqlite' | 'postgres', fields: readonly string[]): string[] {
  return fields.map((field) => {
    const path = fieldPath(field);
    // The same expressions find() compares, so the planner matches them.
    const value = engine === 'sqlite' ? `(data ->> '$.${path}')` : `(data -> '${path}')`;
    return `CREATE INDEX IF NOT EXISTS "halway_field_${path}" ON halway_documents (kind, ${value}, seq)`;
  });
}
