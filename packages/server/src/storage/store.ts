import type { Engine } from './engine.js';
import { createMemoryEngine } from './memory.js';
import { createPostgresEngine, type PostgresEngineOptions } from './postgres.js';
import { createSqliteEngine, type SqliteEngineOptions } from './sqlite.js';
import type { Documents, Transaction } from './types.js';
import { DocumentReader, UnitOfWork } from './unit-of-work.js';

/** The default bound on one transaction, in ms. */
export const DEFAULT_TRANSACTION_TIMEOUT = 10_000;

/**
 * Where a service keeps its state, its outbox and its idempotency keys, all in one database so
 * that one transaction covers them. Give it to `createService({ store })`.
 */
export interface Store {
  /** The engine: `sqlite`, `postgres` or `memory`. */
  readonly engine: Engine['name'];
  /** Reads committed documents (scripts, tests, checks of data at rest). */
  read<T>(work: (db: Documents) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a transaction of its own (outside any request: seeding, migrations of data,
   * scripts); documents it changes are saved, and it commits when `work` resolves.
   */
  transaction<T>(work: (db: Transaction) => Promise<T>, options?: { timeout?: number }): Promise<T>;
  /** Closes the database connections. */
  close(): Promise<void>;
  /** The engine underneath, for the service itself. */
  readonly internals: Engine;
}

function storeOf(engine: Engine): Store {
  return {
    engine: engine.name,
    internals: engine,
    read: (work) => engine.read((reader) => work(new DocumentReader(reader))),
    transaction: (work, options = {}) =>
      engine.write(async (tx) => {
        const unit = new UnitOfWork(tx);
        const result = await work(unit);
        await unit.flush();
        return result;
      }, options.timeout ?? DEFAULT_TRANSACTION_TIMEOUT),
    close: () => engine.close(),
  };
}

/**
 * A store in memory: for tests and demos only. Nothing survives the process, and transactions
 * run one at a time.
 */
export function createMemoryStore(): Store {
  return storeOf(createMemoryEngine());
}

/** How to open a SQLite store. */
export type SqliteStoreOptions = SqliteEngineOptions;

/**
 * A store in a SQLite file (better-sqlite3, WAL, `synchronous = FULL`): the embedded default,
 * with nothing to install. Several processes may share the file; their writes take turns.
 *
 * @example createService({ name: 'orders', resources, store: createSqliteStore({ file: 'orders.db' }) })
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  return storeOf(createSqliteEngine(options));
}

/** How to reach a PostgreSQL store. */
export type PostgresStoreOptions = PostgresEngineOptions;

/**
 * A store in PostgreSQL (pg), for several processes and machines sharing one database. Actions
 * on one resource are serialized by row locks; actions on different resources run in parallel.
 *
 * @example createPostgresStore({ connectionString: process.env.DATABASE_URL! })
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  if (
    typeof options?.connectionString !== 'string' ||
    !/^postgres(ql)?:\/\//.test(options.connectionString)
  )
    throw new TypeError('createPostgresStore(): connectionString must be a postgres:// URL');
  return storeOf(createPostgresEngine(options));
}
