import pg from 'pg';
import type {
  DocumentRow,
  Engine,
  EngineReader,
  EngineTransaction,
  IdempotencyRow,
  OutboxRow,
} from './engine.js';
import { createPostgresOutboxTable } from './postgres-outbox.js';
import { TransactionClosedError, jitter, tooMuchContention, withinTimeout } from './serialize.js';
import { SCHEMA_MIGRATIONS, fieldIndexes, fieldPath } from './sql-schema.js';
import type { FindQuery } from './types.js';

/** How to reach a PostgreSQL database. */
export interface PostgresEngineOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** The most connections this process opens (default 10). */
  maxConnections?: number;
  /** The application's own migrations: SQL applied once each, in order, after Halway's. */
  migrations?: readonly string[];
  /**
   * Top-level fields that `find({ where })` filters on (`['status', 'order']`): each gets an
   * index, so finding by it does not read every document of its kind.
   */
  indexes?: readonly string[];
}

const DOCUMENT = 'kind, id, key, version, data::text AS data';
// Serialization failures, deadlocks, and two inserts of one document: run the action again.
const RETRYABLE = new Set(['40001', '40P01']);
const RETRYABLE_CONSTRAINTS = new Set(['halway_documents_key', 'halway_documents_id']);
const ATTEMPTS = 8;
// Any constant: the lock that lets one process at a time migrate.
const MIGRATION_LOCK = 7_406_118_210;

/** Times are kept as epoch milliseconds in BIGINT columns, well within a double. */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * The PostgreSQL engine (pg): a pool of connections; a transaction locks the documents it reads
 * (`SELECT … FOR UPDATE`), so actions on one resource are serialized across processes and
 * machines while actions on different resources run side by side. Conflicts the database
 * detects (deadlocks, two inserts of one key) run the whole action again.
 */
export function createPostgresEngine(options: PostgresEngineOptions): Engine {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
  });
  // An idle connection that breaks (the server restarts) must not crash the process.
  pool.on('error', () => undefined);
  const ready = migrateAll(pool, options.migrations ?? [], options.indexes ?? []);
  // Whoever uses the store gets the failure; until then it must not crash the process unhandled.
  ready.catch(() => undefined);
  const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    await ready;
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  };

  return {
    name: 'postgres',
    read: async (work) => {
      await ready;
      return work(new PostgresReader(pool, ''));
    },
    write: (work, timeout) =>
      withClient(async (client) => {
        for (let attempt = 1; ; attempt++) {
          await client.query('BEGIN');
          await client.query(`SET LOCAL statement_timeout = ${Math.ceil(timeout)}`);
          const tx = new PostgresTransaction(client);
          try {
            const result = await withinTimeout(work(tx), timeout, () => tx.close());
            tx.close();
            await client.query('COMMIT');
            return result;
          } catch (error) {
            tx.close();
            await client.query('ROLLBACK').catch(() => undefined);
            if (!isConflict(error)) throw error;
            if (attempt >= ATTEMPTS) throw tooMuchContention(attempt, error);
            await jitter(5 * attempt);
          }
        }
      }),
    outbox: createPostgresOutboxTable((sql, params) =>
      ready.then(() => pool.query(sql, params as unknown[]).then((result) => result.rows)),
    ),
    purgeKeys: async (now) => {
      await ready;
      const result = await pool.query('DELETE FROM halway_idempotency WHERE expires_at <= $1', [
        now,
      ]);
      return result.rowCount ?? 0;
    },
    close: async () => {
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}

function isConflict(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== undefined && RETRYABLE.has(code)) return true;
  return code === '23505' && constraint !== undefined && RETRYABLE_CONSTRAINTS.has(constraint);
}

async function migrateAll(
  pool: pg.Pool,
  app: readonly string[],
  indexes: readonly string[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await migrate(client, 'halway_migrations', SCHEMA_MIGRATIONS.postgres);
    await migrate(client, 'halway_app_migrations', app);
    await ensureIndexes(client, fieldIndexes('postgres', indexes));
  } finally {
    client.release();
  }
}

// Under the migration lock: two processes creating one index at once would fail.
async function ensureIndexes(client: pg.PoolClient, statements: readonly string[]) {
  if (statements.length === 0) return;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function migrate(client: pg.PoolClient, table: string, migrations: readonly string[]) {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${table}`);
    const done = new Set(rows.map((row) => row.version));
    for (const [index, sql] of migrations.entries()) {
      if (done.has(index + 1)) continue;
      await client.query(sql);
      await client.query(`INSERT INTO ${table} (version, applied_at) VALUES ($1, $2)`, [
        index + 1,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

type Queryable = Pick<pg.Pool, 'query'>;

class PostgresReader implements EngineReader {
  constructor(
    protected readonly client: Queryable,
    private readonly lock: '' | ' FOR UPDATE',
  ) {}

  protected check(): void {}

  protected async rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    this.check();
    return (await this.client.query(sql, params as unknown[])).rows as T[];
  }

  async get(kind: string, id: string) {
    const [row] = await this.rows<DocumentRow>(
      `SELECT ${DOCUMENT} FROM halway_documents WHERE kind = $1 AND id = $2${this.lock}`,
      [kind, id],
    );
    return row;
  }

  async getByKey(kind: string, key: string) {
    const [row] = await this.rows<DocumentRow>(
      `SELECT ${DOCUMENT} FROM halway_documents WHERE kind = $1 AND key = $2${this.lock}`,
      [kind, key],
    );
    return row;
  }

  async find(kind: string, query: FindQuery) {
    const where = Object.entries(query.where ?? {});
    const conditions = [
      'kind = $1',
      ...where.map(([field], index) => `data -> '${fieldPath(field)}' = $${index + 2}::jsonb`),
    ];
    const values = [kind, ...where.map(([, value]) => JSON.stringify(value))];
    const filter = conditions.join(' AND ');
    const order = query.newestFirst ? 'DESC' : 'ASC';
    const n = values.length;
    const rows = await this.rows<DocumentRow>(
      `SELECT ${DOCUMENT} FROM halway_documents WHERE ${filter} ORDER BY seq ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...values, query.limit ?? null, query.offset ?? 0],
    );
    const [count] = await this.rows<{ total: string }>(
      `SELECT count(*)::text AS total FROM halway_documents WHERE ${filter}`,
      values,
    );
    return { rows, total: Number(count?.total ?? 0) };
  }
}

class PostgresTransaction extends PostgresReader implements EngineTransaction {
  #open = true;

  constructor(client: pg.PoolClient) {
    super(client, ' FOR UPDATE');
  }

  protected override check(): void {
    if (!this.#open) throw new TransactionClosedError('the transaction is over');
  }

  close(): void {
    this.#open = false;
  }

  async insert(row: DocumentRow) {
    await this.rows(
      `INSERT INTO halway_documents (kind, id, key, version, data) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [row.kind, row.id, row.key, row.version, row.data],
    );
  }

  async update(row: DocumentRow) {
    await this.rows(
      `UPDATE halway_documents SET key = $1, version = $2, data = $3::jsonb WHERE kind = $4 AND id = $5`,
      [row.key, row.version, row.data, row.kind, row.id],
    );
  }

  async remove(kind: string, id: string) {
    await this.rows(`DELETE FROM halway_documents WHERE kind = $1 AND id = $2`, [kind, id]);
  }

  // Held until this transaction ends; another transaction with the same key sees it taken.
  async lockKey(key: string) {
    const [row] = await this.rows<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
      [key],
    );
    return row?.locked === true;
  }

  async readKey(key: string, now: number) {
    const [row] = await this.rows<IdempotencyRow>(
      `SELECT key, fingerprint, response, expires_at AS "expiresAt" FROM halway_idempotency WHERE key = $1 AND expires_at > $2`,
      [key, now],
    );
    return row;
  }

  async writeKey(row: IdempotencyRow) {
    await this.rows(
      `INSERT INTO halway_idempotency (key, fingerprint, response, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, response = excluded.response, expires_at = excluded.expires_at`,
      [row.key, row.fingerprint, row.response, row.expiresAt],
    );
  }

  async retryMessage(id: string, now: number) {
    const rows = await this.rows(
      `UPDATE halway_outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_until = 0 WHERE id = $2 AND status = 'failed' RETURNING id`,
      [now, id],
    );
    return rows.length > 0;
  }

  async enqueue(row: OutboxRow) {
    await this.rows(
      `INSERT INTO halway_outbox (id, stream, origin, description, target, form, "values", idempotency_key, pending, attempts, next_attempt_at, lease_until, last_error, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        row.id,
        row.stream,
        row.origin,
        row.description,
        row.target,
        row.form,
        row.values,
        row.idempotencyKey,
        row.pending,
        row.attempts,
        row.nextAttemptAt,
        row.leaseUntil,
        row.lastError,
        row.status,
        row.createdAt,
      ],
    );
  }

  async savepoint() {
    await this.rows('SAVEPOINT halway_handler', []);
  }

  async rollbackToSavepoint() {
    await this.rows('ROLLBACK TO SAVEPOINT halway_handler', []);
  }

  query(sql: string, params: readonly unknown[]) {
    return this.rows<Record<string, unknown>>(sql, params);
  }
}
