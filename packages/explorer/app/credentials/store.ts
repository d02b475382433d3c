/** The storage the credentials are kept in: `sessionStorage` in the page. */
export interface KeyValueStorage {
  /** Reads an item. */
  getItem(key: string): string | null;
  /** Writes an item. */
  setItem(key: string, value: string): void;
  /** Deletes an item. */
  removeItem(key: string): void;
}

const STORAGE_KEY = 'halway-explorer:credentials';
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the explorer sets itself on every request, so one set here would be lost or would
// break the page.
const OWN_HEADERS = new Set(['accept', 'content-type', 'idempotency-key', 'prefer']);
// Headers browsers do not let a page set (https://fetch.spec.whatwg.org/#forbidden-request-header).
const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/**
 * Request headers (an `Authorization`, an API key) for one origin: the page's own. They live in
 * that origin's `sessionStorage`, which no other origin can read, so each service's explorer
 * keeps its own; they are never written to a URL and are given only to requests to that origin.
 */
export class CredentialStore {
  /** The origin the headers are for. */
  readonly origin: string;
  readonly #storage: KeyValueStorage;

  /** A store for `origin`, kept in `storage`. */
  constructor(storage: KeyValueStorage, origin: string) {
    this.#storage = storage;
    this.origin = origin;
  }

  /** The headers, in the order they were set. */
  list(): [name: string, value: string][] {
    try {
      const parsed: unknown = JSON.parse(this.#storage.getItem(STORAGE_KEY) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (entry): entry is [string, string] =>
          Array.isArray(entry) &&
          entry.length === 2 &&
          typeof entry[0] === 'string' &&
          typeof entry[1] === 'string' &&
          headerProblem(entry[0], entry[1]) === undefined,
      );
    } catch {
      return [];
    }
  }

  /** Sets a header (replacing one of the same name); throws a TypeError for one that cannot be set. */
  set(name: string, value: string): void {
    const problem = headerProblem(name, value);
    if (problem) throw new TypeError(`CredentialStore.set(): ${name} ${problem}`);
    const others = this.list().filter(
      ([existing]) => existing.toLowerCase() !== name.toLowerCase(),
    );
    this.#write([...others, [name.trim(), value.trim()]]);
  }

  /** Removes a header. */
  remove(name: string): void {
    this.#write(this.list().filter(([existing]) => existing.toLowerCase() !== name.toLowerCase()));
  }

  /** The headers for a request to `url`: all of them on the store's origin, none elsewhere. */
  headersFor(url: string): Record<string, string> {
    if (!URL.canParse(url) || new URL(url).origin !== this.origin) return {};
    return Object.fromEntries(this.list());
  }

  #write(entries: [string, string][]): void {
    if (entries.length === 0) this.#storage.removeItem(STORAGE_KEY);
    else this.#storage.setItem(STORAGE_KEY, JSON.stringify(entries));
  }
}

/** What is wrong with a header, phrased to follow its name; undefined when it can be set. */
export function headerProblem(name: string, value: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'needs a name';
  if (!TOKEN.test(trimmed)) return 'is not a valid header name';
  const lower = trimmed.toLowerCase();
  if (OWN_HEADERS.has(lower)) return 'is set by the explorer itself';
  if (FORBIDDEN.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-'))
    return 'cannot be set by a web page';
  if (/[\r\n\0]/.test(value)) return 'cannot contain line breaks';
  if (value.trim() === '') return 'needs a value';
  return undefined;
}
