import { v7 as uuidv7 } from 'uuid';
import { HttpProblem } from '../errors.js';
import type { DocumentRow, EngineReader, EngineTransaction, OutboxRow } from './engine.js';
import type {
  Documents,
  FindQuery,
  FoundDocuments,
  PeerMessage,
  StoredDocument,
  Transaction,
} from './types.js';

// The stored version of each document object handed out, for ETags.
const versions = new WeakMap<object, number>();

/** The stored version of a document read from a store (undefined for any other object). */
export function documentVersion(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null ? versions.get(value) : undefined;
}

function parse<TData extends object>(row: DocumentRow): StoredDocument<TData> {
  const document = JSON.parse(row.data) as StoredDocument<TData>;
  versions.set(document, row.version);
  return document;
}

function checkKind(kind: unknown, caller: string): void {
  if (typeof kind !== 'string' || kind === '')
    throw new TypeError(`${caller}: the kind must be a non-empty string`);
}

/** Reads committed documents. */
export class DocumentReader implements Documents {
  constructor(protected readonly engine: EngineReader) {}

  async get<TData extends object>(kind: string, id: string) {
    checkKind(kind, 'get()');
    const row = await this.engine.get(kind, String(id));
    return row && parse<TData>(row);
  }

  async getByKey<TData extends object>(kind: string, key: string) {
    checkKind(kind, 'getByKey()');
    const row = await this.engine.getByKey(kind, String(key));
    return row && parse<TData>(row);
  }

  async find<TData extends object>(
    kind: string,
    query: FindQuery = {},
  ): Promise<FoundDocuments<StoredDocument<TData>>> {
    checkKind(kind, 'find()');
    const { rows, total } = await this.engine.find(kind, query);
    return { items: rows.map((row) => parse<TData>(row)), total };
  }
}

interface Tracked {
  row: DocumentRow;
  document: Record<string, unknown>;
}

/**
 * A transaction as handlers see it: documents read through it are tracked and saved at
 * `flush()` when they changed; inserts, removals and outbox messages go through the engine's
 * transaction, so all of it commits or rolls back together.
 */
export class UnitOfWork extends DocumentReader implements Transaction {
  #tracked = new Map<string, Tracked>();
  #messages: PeerMessage[] = [];
  /** The origins of the outbox messages this unit of work has written. */
  sentTo = new Set<string>();

  constructor(readonly tx: EngineTransaction) {
    super(tx);
  }

  #track<TData extends object>(row: DocumentRow): StoredDocument<TData> {
    const slot = `${row.kind}\u0000${row.id}`;
    const known = this.#tracked.get(slot);
    if (known) return known.document as StoredDocument<TData>;
    const document = parse<TData>(row);
    // Compared with what the handler leaves, to save only what changed.
    this.#tracked.set(slot, { row: { ...row, data: JSON.stringify(document) }, document });
    return document;
  }

  override async get<TData extends object>(kind: string, id: string) {
    checkKind(kind, 'get()');
    const row = await this.tx.get(kind, String(id));
    return row && this.#track<TData>(row);
  }

  override async getByKey<TData extends object>(kind: string, key: string) {
    checkKind(kind, 'getByKey()');
    const row = await this.tx.getByKey(kind, String(key));
    return row && this.#track<TData>(row);
  }

  override async find<TData extends object>(kind: string, query: FindQuery = {}) {
    checkKind(kind, 'find()');
    await this.flush();
    const { rows, total } = await this.tx.find(kind, query);
    return { items: rows.map((row) => this.#track<TData>(row)), total };
  }

  async insert<TData extends object>(
    kind: string,
    data: TData,
    options: { id?: string; key?: string } = {},
  ): Promise<StoredDocument<TData>> {
    checkKind(kind, 'insert()');
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new TypeError('insert(): the data must be an object');
    // Checked first so that a taken key is a clear 409, not an engine's constraint error; two
    // inserts racing past this check meet at the unique index, and the loser is retried.
    if (options.key !== undefined && (await this.tx.getByKey(kind, options.key)))
      throw new HttpProblem('CONFLICT', {
        detail: `There is already a ${kind} with the key ${JSON.stringify(options.key)}`,
      });
    const id = options.id ?? uuidv7();
    const row: DocumentRow = {
      kind,
      id,
      key: options.key ?? null,
      version: 1,
      data: JSON.stringify({ ...data, id }),
    };
    await this.tx.insert(row);
    return this.#track<TData>(row);
  }

  async remove(kind: string, id: string): Promise<void> {
    checkKind(kind, 'remove()');
    this.#tracked.delete(`${kind}\u0000${id}`);
    await this.tx.remove(kind, id);
  }

  send(message: PeerMessage): void {
    if (!URL.canParse(message?.target))
      throw new TypeError('send(): the target must be an absolute URL');
    if (typeof message.form !== 'string' || message.form === '')
      throw new TypeError('send(): name the form to submit');
    this.#messages.push(message);
  }

  async query<TRow = Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
    await this.flush();
    return (await this.tx.query(sql, params)) as TRow[];
  }

  /** Saves the documents that changed and writes the queued messages. */
  async flush(): Promise<void> {
    for (const tracked of this.#tracked.values()) {
      const data = JSON.stringify(tracked.document);
      if (data === tracked.row.data) continue;
      tracked.row = { ...tracked.row, version: tracked.row.version + 1, data };
      await this.tx.update(tracked.row);
      versions.set(tracked.document, tracked.row.version);
    }
    const now = Date.now();
    for (const message of this.#messages.splice(0)) {
      const row = outboxRow(message, now);
      await this.tx.enqueue(row);
      this.sentTo.add(row.origin);
    }
  }

  /** Forgets what the handler changed (after rolling back to the savepoint before it). */
  discard(): void {
    this.#tracked.clear();
    this.#messages = [];
    this.sentTo.clear();
  }
}

function outboxRow(message: PeerMessage, now: number): OutboxRow {
  return {
    id: uuidv7(),
    stream: message.stream ?? message.target,
    origin: new URL(message.target).origin,
    description: message.description,
    target: message.target,
    form: message.form,
    values: JSON.stringify(message.values ?? {}),
    idempotencyKey: uuidv7(),
    pending: null,
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: 0,
    lastError: null,
    status: 'pending',
    createdAt: now,
  };
}
