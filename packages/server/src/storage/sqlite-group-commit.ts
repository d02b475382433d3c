import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { HttpProblem } from '../errors.js';
import { withinTimeout, type Mutex } from './serialize.js';

/** What a transaction's work gets and gives back: see `Engine.write`. */
interface Job<TTransaction> {
  work: (tx: TTransaction) => Promise<unknown>;
  timeout: number;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** How a batch opens its transaction and a transaction object for each job. */
export interface GroupCommitSettings<TTransaction extends { close(): void }> {
  /** The writer connection. */
  connection: Database.Database;
  /** Serializes the connection's users (batches, the outbox, the purge of keys). */
  mutex: Mutex;
  /** `BEGIN IMMEDIATE`, waiting for another process's lock for at most `timeout` ms. */
  begin: (timeout: number) => Promise<void>;
  /** A transaction object for one job; closed once the job is over. */
  open: () => TTransaction;
}

// Bounds a batch, so that other processes and the outbox get the write lock in between.
const MAX_BATCH = 64;

/**
 * Group commit for the SQLite writer. Transactions that arrive while one runs are taken into the
 * same SQLite transaction, one after the other, each inside its own savepoint (rolled back alone
 * when its work fails), and committed together: one `COMMIT`, one fsync, for all of them. Each
 * caller's promise settles only after that `COMMIT`, so no action is acknowledged before it is
 * durable, and the order of the batch is a serial order, so isolation is what it was.
 *
 * A batch does not wait for company: when no transaction is waiting it gives the event loop one
 * turn (requests already received reach their transactions then) and commits.
 */
export class GroupCommit<TTransaction extends { close(): void }> {
  readonly #waiting: Job<TTransaction>[] = [];
  #scheduled = false;

  constructor(private readonly settings: GroupCommitSettings<TTransaction>) {}

  /** Runs `work` in a transaction (possibly shared with others) and commits it. */
  run<T>(work: (tx: TTransaction) => Promise<T>, timeout: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ work, timeout, resolve: resolve as (result: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    void this.settings.mutex.run(async () => {
      this.#scheduled = false;
      await this.#batch();
      if (this.#waiting.length > 0) this.#schedule();
    });
  }

  async #batch(): Promise<void> {
    const { connection, begin, open } = this.settings;
    const first = this.#waiting[0];
    if (first === undefined) return;
    try {
      await begin(first.timeout);
    } catch (error) {
      this.#waiting.shift();
      first.reject(error);
      return;
    }
    const done: [Job<TTransaction>, unknown][] = [];
    for (let taken = 0; taken < MAX_BATCH; taken++) {
      // One turn of the event loop: requests already read get to their transactions first.
      if (this.#waiting.length === 0) await nextTurn();
      const job = this.#waiting.shift();
      if (job === undefined) break;
      connection.exec('SAVEPOINT halway_transaction');
      const tx = open();
      try {
        const result = await withinTimeout(job.work(tx), job.timeout, () => tx.close());
        tx.close();
        connection.exec('RELEASE halway_transaction');
        done.push([job, result]);
      } catch (error) {
        tx.close();
        job.reject(error);
        if (!connection.inTransaction) return failAll(done, error);
        connection.exec('ROLLBACK TO halway_transaction');
        connection.exec('RELEASE halway_transaction');
      }
    }
    try {
      connection.exec('COMMIT');
    } catch (error) {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      return failAll(done, error);
    }
    for (const [job, result] of done) job.resolve(result);
  }
}

// The shared transaction is gone (SQLite rolled it back, or COMMIT failed): nothing of the
// batch was written, and nobody has been told otherwise.
function failAll<T>(done: readonly [Job<T>, unknown][], cause: unknown): void {
  for (const [job] of done) {
    job.reject(
      new HttpProblem('SERVICE_UNAVAILABLE', {
        detail: 'The transaction was rolled back with others it was committed with; try again',
        headers: { 'Retry-After': '1' },
        cause,
      }),
    );
  }
}
