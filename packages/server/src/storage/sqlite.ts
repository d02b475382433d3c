import Database from 'better-sqlite3';
import type { DocumentRow, Engine, EngineReader, EngineTransaction, OutboxRow } from './engine.js';
import { Mutex, TransactionClosedError, jitter } from './serialize.js';
import { SCHEMA_MIGRATIONS, fieldIndexes, fieldPath } from './sql-schema.js';
import { whileBusy } from './sqlite-busy.js';
import { GroupCommit } from './sqlite-group-commit.js';
import { createSqliteOutboxTable } from './sqlite-outbox.js';
import type { FindQuery } from './types.js';

type Connection = Database.Database;

/** How to open a SQLite database. */
export interface SqliteEngineOptions {
  /** The database file (created when missing); `':memory:'` is refused, as it cannot be shared. */
  file: string;
  /**
   * `FULL` (the default) makes every commit durable on power loss, not only on a crash of the
   * process; `NORMAL` is faster and loses at most the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** The application's own migrations: SQL applied once each, in order, after Halway's. */
  migrations?: readonly string[];
  /**
   * Top-level fields that `find({ where })` filters on (`['status', 'order']`): each gets an
   * index, so finding by it does not read every document of its kind.
   */
  indexes?: readonly string[];
}

const DOCUMENT = 'kind, id, key, version, data';

/**
 * The SQLite engine (better-sqlite3): one file, WAL, a writer connection whose transactions
 * run one at a time in this process and take the database's write lock (`BEGIN IMMEDIATE`)
 * against other processes, committed in groups (see `GroupCommit`), and a reader connection
 * that sees committed data only.
 */
export function createSqliteEngine(options: SqliteEngineOptions): Engine {
  if (options.file === ':memory:' || options.file === '')
    throw new TypeError('createSqliteStore(): give a file; use createMemoryStore() for memory');
  const writer = open(options);
  migrate(writer, 'halway_migrations', SCHEMA_MIGRATIONS.sqlite);
  migrate(writer, 'halway_app_migrations', options.migrations ?? []);
  for (const statement of fieldIndexes('sqlite', options.indexes ?? [])) writer.exec(statement);
  const readerConnection = open(options);
  const mutex = new Mutex();
  const committed = new SqliteReader(readerConnection);
  const commits = new GroupCommit({
    connection: writer,
    mutex,
    begin: (timeout) => begin(writer, timeout),
    open: () => new SqliteTransaction(writer),
  });

  return {
    name: 'sqlite',
    read: (work) => work(committed),
    write: (work, timeout) => commits.run(work, timeout),
    outbox: createSqliteOutboxTable(writer, mutex, options.synchronous ?? 'FULL'),
    purgeKeys: (now) =>
      mutex.run(() =>
        Promise.resolve(
          writer.prepare('DELETE FROM halway_idempotency WHERE expires_at <= ?').run(now).changes,
        ),
      ),
    close() {
      return mutex.run(() => {
        writer.close();
        readerConnection.close();
        return Promise.resolve();
      });
    },
  };
}

function open(options: SqliteEngineOptions): Connection {
  const connection = new Database(options.file);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  connection.pragma('foreign_keys = ON');
  // Waiting for another process's write lock is done in `begin`, without blocking the event loop.
  connection.pragma('busy_timeout = 0');
  return connection;
}

// Another process may hold the write lock: try again after a short pause, up to `timeout`.
function begin(connection: Connection, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  return whileBusy(
    () => {
      connection.exec('BEGIN IMMEDIATE');
    },
    () => Date.now() <= deadline,
    () => jitter(5),
  );
}

function migrate(connection: Connection, table: string, migrations: readonly string[]): void {
  connection.pragma('busy_timeout = 10000');
  try {
    connection.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
    );
    migrations.forEach((sql, index) => {
      const version = index + 1;
      connection.exec('BEGIN IMMEDIATE');
      try {
        const done = connection.prepare(`SELECT 1 FROM ${table} WHERE version = ?`).get(version);
        if (!done) {
          connection.exec(sql);
          connection
            .prepare(`INSERT INTO ${table} (version, applied_at) VALUES (?, ?)`)
            .run(version, new Date().toISOString());
        }
        connection.exec('COMMIT');
      } catch (error) {
        connection.exec('ROLLBACK');
        throw error;
      }
    });
  } finally {
    connection.pragma('busy_timeout = 0');
  }
}

class SqliteReader implements EngineReader {
  readonly #statements = new Map<string, Database.Statement>();

  constructor(protected readonly connection: Connection) {}

  protected check(): void {}

  protected statement(sql: string): Database.Statement {
    this.check();
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  get(kind: string, id: string) {
    const sql = `SELECT ${DOCUMENT} FROM halway_documents WHERE kind = ? AND id = ?`;
    return Promise.resolve(this.statement(sql).get(kind, id) as DocumentRow | undefined);
  }

  getByKey(kind: string, key: string) {
    const sql = `SELECT ${DOCUMENT} FROM halway_documents WHERE kind = ? AND key = ?`;
    return Promise.resolve(this.statement(sql).get(kind, key) as DocumentRow | undefined);
  }

  find(kind: string, query: FindQuery) {
    const where = Object.entries(query.where ?? {});
    const conditions = [
      'kind = ?',
      ...where.map(([field]) => `data ->> '$.${fieldPath(field)}' = ?`),
    ];
    const values = [
      kind,
      ...where.map(([, value]) => (typeof value === 'boolean' ? Number(value) : value)),
    ];
    const filter = conditions.join(' AND ');
    const order = query.newestFirst ? 'DESC' : 'ASC';
    const rows = this.statement(
      `SELECT ${DOCUMENT} FROM halway_documents WHERE ${filter} ORDER BY seq ${order} LIMIT ? OFFSET ?`,
    ).all(...values, query.limit ?? -1, query.offset ?? 0) as DocumentRow[];
    const { total } = this.statement(
      `SELECT count(*) AS total FROM halway_documents WHERE ${filter}`,
    ).get(...values) as { total: number };
    return Promise.resolve({ rows, total });
  }
}

class SqliteTransaction extends SqliteReader implements EngineTransaction {
  #open = true;

  protected override check(): void {
    if (!this.#open) throw new TransactionClosedError('the transaction is over');
  }

  close(): void {
    this.#open = false;
  }

  insert(row: DocumentRow) {
    this.statement(
      `INSERT INTO halway_documents (kind, id, key, version, data) VALUES (?, ?, ?, ?, ?)`,
    ).run(row.kind, row.id, row.key, row.version, row.data);
    return Promise.resolve();
  }

  update(row: DocumentRow) {
    this.statement(
      `UPDATE halway_documents SET key = ?, version = ?, data = ? WHERE kind = ? AND id = ?`,
    ).run(row.key, row.version, row.data, row.kind, row.id);
    return Promise.resolve();
  }

  remove(kind: string, id: string) {
    this.statement(`DELETE FROM halway_documents WHERE kind = ? AND id = ?`).run(kind, id);
    return Promise.resolve();
  }

  // The write lock is held for the whole transaction: nobody else holds any key now.
  lockKey() {
    this.check();
    return Promise.resolve(true);
  }

  readKey(key: string, now: number) {
    const row = this.statement(
      `SELECT key, fingerprint, response, expires_at AS expiresAt FROM halway_idempotency WHERE key = ? AND expires_at > ?`,
    ).get(key, now) as
      { key: string; fingerprint: string; response: string; expiresAt: number } | undefined;
    return Promise.resolve(row);
  }

  writeKey(row: { key: string; fingerprint: string; response: string; expiresAt: number }) {
    this.statement(
      `INSERT INTO halway_idempotency (key, fingerprint, response, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, response = excluded.response, expires_at = excluded.expires_at`,
    ).run(row.key, row.fingerprint, row.response, row.expiresAt);
    return Promise.resolve();
  }

  enqueue(row: OutboxRow) {
    this.statement(
      `INSERT INTO halway_outbox (id, stream, origin, description, target, form, "values", idempotency_key, pending, attempts, next_attempt_at, lease_until, last_error, status, created_at)
       VALUES (@id, @stream, @origin, @description, @target, @form, @values, @idempotencyKey, @pending, @attempts, @nextAttemptAt, @leaseUntil, @lastError, @status, @createdAt)`,
    ).run(row);
    return Promise.resolve();
  }

  retryMessage(id: string, now: number) {
    const { changes } = this.statement(
      `UPDATE halway_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = 0 WHERE id = ? AND status = 'failed'`,
    ).run(now, id);
    return Promise.resolve(changes > 0);
  }

  savepoint() {
    this.statement('SAVEPOINT halway_handler').run();
    return Promise.resolve();
  }

  rollbackToSavepoint() {
    this.statement('ROLLBACK TO halway_handler').run();
    return Promise.resolve();
  }

  query(sql: string, params: readonly unknown[]) {
    const statement = this.statement(sql);
    if (statement.reader)
      return Promise.resolve(statement.all(...params) as Record<string, unknown>[]);
    statement.run(...params);
    return Promise.resolve([]);
  }
}
