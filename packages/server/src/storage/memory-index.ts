import type { DocumentRow } from './engine.js';

// The data of each row as `where` compares it, parsed once: a row is never changed (a write
// stores a new one), so a find need not parse every document of the kind again.
const parsed = new WeakMap<DocumentRow, Record<string, unknown>>();

/** The parsed data of a row, as `find({ where })` compares its top-level fields. */
export function dataOf(row: DocumentRow): Record<string, unknown> {
  let data = parsed.get(row);
  if (data === undefined) {
    data = JSON.parse(row.data) as Record<string, unknown>;
    parsed.set(row, data);
  }
  return data;
}

type Index = Map<unknown, Set<string>>;

const NONE: ReadonlySet<string> = new Set();

/**
 * The committed documents of one kind of the memory engine, in the order of their first insert
 * (an update keeps a document's place), with an equality index on each field a find has
 * filtered on, built at that first find and kept up to date by every write after it.
 */
export class IndexedRows {
  readonly #rows = new Map<string, DocumentRow>();
  // Where each id stands in `#rows`, to give what an index finds back in the kind's order.
  readonly #position = new Map<string, number>();
  #next = 0;
  readonly #indexes = new Map<string, Index>();

  /** The rows by id, in the kind's order. */
  get rows(): ReadonlyMap<string, DocumentRow> {
    return this.#rows;
  }

  /** Stores a new row, or a new version of one (which keeps its place). */
  set(row: DocumentRow): void {
    const before = this.#rows.get(row.id);
    if (before === undefined) this.#position.set(row.id, this.#next++);
    for (const [field, index] of this.#indexes) {
      const value = dataOf(row)[field];
      if (before !== undefined) {
        const old = dataOf(before)[field];
        if (old === value) continue;
        forget(index, old, row.id);
      }
      remember(index, value, row.id);
    }
    this.#rows.set(row.id, row);
  }

  /** Deletes a row, if there is one. */
  delete(id: string): void {
    const before = this.#rows.get(id);
    if (before === undefined) return;
    for (const [field, index] of this.#indexes) forget(index, dataOf(before)[field], id);
    this.#position.delete(id);
    this.#rows.delete(id);
  }

  /**
   * The rows that may match `where`, in the kind's order: every row when it is empty, else
   * those holding the value of its most selective field, plus the rows of the ids in `also`
   * (those a transaction rewrote, which may match now). The caller checks the other fields.
   */
  candidates(where: Record<string, unknown>, also: readonly string[] = []): DocumentRow[] {
    const fields = Object.entries(where);
    if (fields.length === 0) return [...this.#rows.values()];
    let fewest: ReadonlySet<string> | undefined;
    for (const [field, value] of fields) {
      const ids = this.#index(field).get(value) ?? NONE;
      if (fewest === undefined || ids.size < fewest.size) fewest = ids;
    }
    const ids = [...(fewest ?? NONE)];
    for (const id of also) if (!fewest?.has(id)) ids.push(id);
    // Ids join an index in the kind's order, but for those an update gave the value later and
    // those of `also`: this sort (TimSort, linear on ordered runs) has little to do.
    ids.sort(this.#byPosition);
    const rows: DocumentRow[] = [];
    for (const id of ids) {
      const row = this.#rows.get(id);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }

  readonly #byPosition = (a: string, b: string): number =>
    (this.#position.get(a) ?? 0) - (this.#position.get(b) ?? 0);

  #index(field: string): Index {
    let index = this.#indexes.get(field);
    if (index === undefined) {
      index = new Map();
      for (const row of this.#rows.values()) remember(index, dataOf(row)[field], row.id);
      this.#indexes.set(field, index);
    }
    return index;
  }
}

function remember(index: Index, value: unknown, id: string): void {
  // An object or an array is never `===` a scalar `where` value: it needs no entry.
  if (typeof value === 'object' && value !== null) return;
  const ids = index.get(value);
  if (ids === undefined) index.set(value, new Set([id]));
  else ids.add(id);
}

function forget(index: Index, value: unknown, id: string): void {
  const ids = index.get(value);
  ids?.delete(id);
  // Emptied entries go, so values no document holds any more are not kept.
  if (ids?.size === 0) index.delete(value);
}
