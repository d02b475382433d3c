/**
 * Whether an answer settles a submission. `answered`: the server decided (success, or a client
 * error), so the next submission is new work and gets a new key. `uncertain`: no answer, or one
 * that says the work may still happen or be retried (5xx, 429, 409 with `Retry-After`), so
 * sending again must reuse the key: the server then replays its answer instead of working twice.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export type SubmissionOutcome = 'answered' | 'uncertain';

/** The outcome of a response status, or of no response at all (`undefined`). */
export function outcomeOf(status: number | undefined, retryAfter = false): SubmissionOutcome {
  if (status === undefined || status >= 500 || status === 429) return 'uncertain';
  if (status === 409 && retryAfter) return 'uncertain';
  return 'answered';
}

/**
 * The `Idempotency-Key`s of the submissions in flight or left uncertain, by request fingerprint
 * (method, URL and body). A double click, or sending again after a network error, finds the same
 * key; changed values make another fingerprint and so another key; once a submission is
 * answered its key is forgotten.
 */
export class IdempotencyKeys {
  readonly #keys = new Map<string, string>();
  readonly #generate: () => string;

  /** Keys come from `generate` (default: random UUIDs). */
  constructor(generate: () => string = randomKey) {
    this.#generate = generate;
  }

  /** The key for a submission: the pending one for this fingerprint, or a new one. */
  keyFor(fingerprint: string): string {
    let key = this.#keys.get(fingerprint);
    if (key === undefined) {
      key = this.#generate();
      this.#keys.set(fingerprint, key);
    }
    return key;
  }

  /** Records how a submission ended: an answered one frees its key. */
  settle(fingerprint: string, outcome: SubmissionOutcome): void {
    if (outcome === 'answered') this.#keys.delete(fingerprint);
  }
}

/** What identifies a submission's payload: method, URL and body. */
export function requestFingerprint(request: {
  method: string;
  url: string;
  body?: string;
}): string {
  return JSON.stringify([request.method, request.url, request.body ?? null]);
}

/**
 * A random version 4 UUID. `crypto.getRandomValues` rather than `crypto.randomUUID`, which
 * browsers offer only on secure origins, and services are often tried over plain http.
 */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
