import type {
  DocumentRow,
  Engine,
  EngineReader,
  EngineTransaction,
  IdempotencyRow,
  OutboxRow,
} from './engine.js';
import { dataOf, IndexedRows } from './memory-index.js';
import { createMemoryOutboxTable, requeued } from './memory-outbox.js';
import { Mutex, TransactionClosedError, withinTimeout } from './serialize.js';
import type { FindQuery } from './types.js';

type Kinds = Map<string, IndexedRows>;

/**
 * The memory engine: for tests and demos only, since everything is lost when the process ends.
 * Transactions run one at a time; their writes stay in an overlay until commit, so reads never
 * see uncommitted data.
 */
export function createMemoryEngine(): Engine {
  const kinds: Kinds = new Map();
  const byKey = new Map<string, string>();
  const keys = new Map<string, IdempotencyRow>();
  const outbox = new Map<string, OutboxRow>();
  const mutex = new Mutex();
  const committed = reader(kinds, byKey, new Map());

  return {
    name: 'memory',
    read: (work) => work(committed),
    write: (work, timeout) =>
      mutex.run(async () => {
        const tx = new MemoryTransaction(kinds, byKey, keys, outbox);
        try {
          const result = await withinTimeout(work(tx), timeout, () => tx.close());
          tx.commit(outbox);
          return result;
        } finally {
          tx.close();
        }
      }),
    outbox: createMemoryOutboxTable(outbox),
    purgeKeys(now) {
      let purged = 0;
      for (const [key, row] of keys) if (row.expiresAt <= now && keys.delete(key)) purged++;
      return Promise.resolve(purged);
    },
    close: () => Promise.resolve(),
  };
}

const slot = (kind: string, id: string) => `${kind}\u0000${id}`;

function reader(
  kinds: Kinds,
  byKey: Map<string, string>,
  overlay: Map<string, DocumentRow | null>,
): EngineReader {
  const get = (kind: string, id: string): DocumentRow | undefined => {
    const written = overlay.get(slot(kind, id));
    if (written !== undefined) return written ?? undefined;
    return kinds.get(kind)?.rows.get(id);
  };
  return {
    get: (kind, id) => Promise.resolve(get(kind, id)),
    getByKey(kind, key) {
      const id = byKey.get(slot(kind, key));
      if (id !== undefined) return Promise.resolve(get(kind, id));
      for (const row of overlay.values())
        if (row && row.kind === kind && row.key === key) return Promise.resolve(row);
      return Promise.resolve(undefined);
    },
    find(kind, query) {
      const committed = kinds.get(kind);
      const where = query.where ?? {};
      // Committed reads (most of them) have nothing written over the committed rows.
      if (overlay.size === 0)
        return Promise.resolve(page(committed?.candidates(where) ?? [], query));
      // The indexes know committed values only: a row this transaction rewrote may match now.
      const rewritten: string[] = [];
      const inserted: DocumentRow[] = [];
      for (const row of overlay.values()) {
        if (row?.kind !== kind) continue;
        if (committed?.rows.has(row.id)) rewritten.push(row.id);
        else inserted.push(row);
      }
      const rows: DocumentRow[] = [];
      for (const row of committed?.candidates(where, rewritten) ?? []) {
        const current = get(kind, row.id);
        if (current) rows.push(current);
      }
      return Promise.resolve(page([...rows, ...inserted], query));
    },
  };
}

function page(rows: DocumentRow[], query: FindQuery): { rows: DocumentRow[]; total: number } {
  const where = Object.entries(query.where ?? {});
  let matching = rows;
  if (where.length > 0) {
    matching = rows.filter((row) => {
      const data = dataOf(row);
      return where.every(([field, value]) => data[field] === value);
    });
  }
  if (query.newestFirst) matching = matching.reverse();
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  return { rows: matching.slice(offset, end), total: matching.length };
}

class MemoryTransaction implements EngineTransaction {
  #overlay = new Map<string, DocumentRow | null>();
  #keys = new Map<string, IdempotencyRow>();
  #messages: OutboxRow[] = [];
  #saved: [Map<string, DocumentRow | null>, Map<string, IdempotencyRow>, OutboxRow[]] | undefined;
  #open = true;
  readonly #reader: EngineReader;

  constructor(
    private readonly kinds: Kinds,
    private readonly byKey: Map<string, string>,
    private readonly keys: Map<string, IdempotencyRow>,
    private readonly outbox: ReadonlyMap<string, OutboxRow>,
  ) {
    this.#reader = reader(kinds, byKey, this.#overlay);
  }

  #check(): void {
    if (!this.#open) throw new TransactionClosedError('the transaction is over');
  }

  get(kind: string, id: string) {
    this.#check();
    return this.#reader.get(kind, id);
  }
  getByKey(kind: string, key: string) {
    this.#check();
    return this.#reader.getByKey(kind, key);
  }
  find(kind: string, query: FindQuery) {
    this.#check();
    return this.#reader.find(kind, query);
  }
  async insert(row: DocumentRow) {
    this.#check();
    if ((await this.get(row.kind, row.id)) !== undefined)
      throw new TypeError(`insert(): there already is a ${row.kind} with id ${row.id}`);
    if (row.key !== null && (await this.getByKey(row.kind, row.key)) !== undefined)
      throw new TypeError(`insert(): there already is a ${row.kind} with key ${row.key}`);
    this.#overlay.set(slot(row.kind, row.id), row);
  }
  update(row: DocumentRow) {
    this.#check();
    this.#overlay.set(slot(row.kind, row.id), row);
    return Promise.resolve();
  }
  remove(kind: string, id: string) {
    this.#check();
    this.#overlay.set(slot(kind, id), null);
    return Promise.resolve();
  }
  // Transactions run one at a time: a key is never held by another one.
  lockKey() {
    this.#check();
    return Promise.resolve(true);
  }
  readKey(key: string, now: number) {
    this.#check();
    const row = this.#keys.get(key) ?? this.keys.get(key);
    return Promise.resolve(row && row.expiresAt > now ? row : undefined);
  }
  writeKey(row: IdempotencyRow) {
    this.#check();
    this.#keys.set(row.key, row);
    return Promise.resolve();
  }
  enqueue(row: OutboxRow) {
    this.#check();
    this.#messages.push(row);
    return Promise.resolve();
  }
  retryMessage(id: string, now: number) {
    this.#check();
    const row = this.outbox.get(id);
    if (row?.status !== 'failed') return Promise.resolve(false);
    // Written back over the failed one at commit.
    this.#messages.push(requeued(row, now));
    return Promise.resolve(true);
  }
  savepoint() {
    this.#check();
    this.#saved = [new Map(this.#overlay), new Map(this.#keys), [...this.#messages]];
    return Promise.resolve();
  }
  rollbackToSavepoint() {
    this.#check();
    if (!this.#saved) throw new TypeError('rollbackToSavepoint(): no savepoint');
    const [overlay, keys, messages] = this.#saved;
    this.#overlay.clear();
    for (const [name, row] of overlay) this.#overlay.set(name, row);
    this.#keys = keys;
    this.#messages = messages;
    return Promise.resolve();
  }
  query(): Promise<Record<string, unknown>[]> {
    throw new TypeError('query(): the memory store has no SQL; use SQLite or PostgreSQL');
  }

  commit(outbox: Map<string, OutboxRow>): void {
    this.#check();
    for (const [name, row] of this.#overlay) {
      const [kind, id] = name.split('\u0000') as [string, string];
      const documents = this.kinds.get(kind) ?? new IndexedRows();
      this.kinds.set(kind, documents);
      const before = documents.rows.get(id);
      if (before?.key != null) this.byKey.delete(slot(kind, before.key));
      if (row === null) {
        documents.delete(id);
        continue;
      }
      documents.set(row);
      if (row.key !== null) this.byKey.set(slot(kind, row.key), id);
    }
    for (const [key, row] of this.#keys) this.keys.set(key, row);
    for (const message of this.#messages) outbox.set(message.id, message);
  }

  close(): void {
    this.#open = false;
  }
}
