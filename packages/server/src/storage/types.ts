/** A query over the documents of one kind. */
export interface FindQuery {
  /**
   * Top-level fields that must equal the given values, e.g. `{ status: 'paid' }`. Values are
   * compared as JSON scalars.
   */
  where?: Record<string, string | number | boolean>;
  /** Newest first (by creation) instead of oldest first. */
  newestFirst?: boolean;
  /** The most documents to return (default: all). */
  limit?: number;
  /** How many matching documents to skip first. */
  offset?: number;
}

/** One page of documents and how many match in all. */
export interface FoundDocuments<TDocument> {
  /** The documents of the page. */
  items: TDocument[];
  /** How many documents match, across all pages. */
  total: number;
}

/** A stored document: any JSON object, with its `id`. */
export type StoredDocument<TData extends object = Record<string, unknown>> = TData & { id: string };

/**
 * Reads documents: what a resource's `load` and a collection's `list` get as `db`. During an
 * action it is the action's transaction, so what it reads is locked until the action commits.
 */
export interface Documents {
  /** The document of `kind` with `id`, or undefined. */
  get<TData extends object>(kind: string, id: string): Promise<StoredDocument<TData> | undefined>;
  /** The document of `kind` whose unique `key` (given at insert) is `key`, or undefined. */
  getByKey<TData extends object>(
    kind: string,
    key: string,
  ): Promise<StoredDocument<TData> | undefined>;
  /** The documents of `kind` that match, in creation order (or newest first). */
  find<TData extends object>(
    kind: string,
    query?: FindQuery,
  ): Promise<FoundDocuments<StoredDocument<TData>>>;
}

/** What to tell another service, through its form, once this transaction commits. */
export interface PeerMessage {
  /** What it is for, for logs and operators. */
  description: string;
  /** URL of the resource whose form to submit. */
  target: string;
  /** The template's name. */
  form: string;
  /** The values to submit. */
  values?: Record<string, unknown>;
  /**
   * Messages of one stream are delivered one after the other, in the order they were sent (the
   * default stream is the target, so what is said about one resource arrives in order).
   */
  stream?: string;
}

/**
 * The unit of work of one action: everything written through it commits together with the
 * action's state change, its outbox messages and its idempotency record, or not at all.
 * Documents read through it are locked and saved automatically when the handler changed them.
 */
export interface Transaction extends Documents {
  /**
   * Stores a new document (its `id` a new UUIDv7 unless given; `key`, if given, unique within
   * the kind) and returns it; changes made to the returned object are saved at commit.
   */
  insert<TData extends object>(
    kind: string,
    data: TData,
    options?: { id?: string; key?: string },
  ): Promise<StoredDocument<TData>>;
  /** Deletes a document. */
  remove(kind: string, id: string): Promise<void>;
  /** Queues a message to another service, sent after commit until it lands. */
  send(message: PeerMessage): void;
  /**
   * Runs SQL of the engine on the transaction's connection, for the application's own tables
   * (`?` placeholders on SQLite, `$1` on PostgreSQL); rows come back as objects. Not available
   * on the memory store.
   */
  query<TRow = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<TRow[]>;
}
