import type { ClientCore } from './internal/core.js';
import { sendSubmission } from './internal/submit.js';
import type { RequestOptions } from './options.js';
import type { State } from './state.js';
import type { FormType, ResultOf } from './typing.js';

/**
 * A submission encoded and ready to send, as plain JSON: what a workflow cursor or an outbox
 * persists before sending, to replay it after a crash with the same `Idempotency-Key`. It holds
 * no credentials: middlewares add those when it is sent.
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export interface PendingSubmission {
  /** The template it was made from. */
  template: string;
  /** Upper-case method. */
  method: string;
  /** Absolute target URL, query included. */
  url: string;
  /** Request headers (`content-type`, `if-match`), lower-case names. */
  headers: Record<string, string>;
  /** The encoded body (base64 when `bodyEncoding` says so). */
  body?: string;
  /** `base64` for a binary body, such as a multipart upload. */
  bodyEncoding?: 'base64';
  /** The key every attempt and every replay carries; absent for safe methods. */
  idempotencyKey?: string;
  /** URL of the state the form came from: reloaded for a 428 or after a 412. */
  source: string;
  /** `false` when the caller ruled out `If-Match`, even after a 428. */
  conditional?: false;
}

/** Options of `Submission.send`. */
export type SendOptions = RequestOptions;

/**
 * A validated, encoded submission with its `Idempotency-Key` already chosen. Send it as often
 * as needed: every send carries the same key, so the server applies it once.
 *
 * @example
 * const submission = await order.form('pay').prepare({ amount: 4.5, card });
 * await outbox.save(submission.toJSON()); // survives a crash
 * const receipt = await submission.send();
 */
export class Submission<F extends FormType = FormType> {
  readonly #core: ClientCore;
  readonly #pending: PendingSubmission;
  readonly #source: State | undefined;

  /** Wraps a pending submission; made by `Form.prepare` or `HalwayClient.replay`. */
  constructor(core: ClientCore, pending: PendingSubmission, source?: State) {
    this.#core = core;
    this.#pending = clonePending(pending);
    this.#source = source;
  }

  /** The `Idempotency-Key` this submission carries, if it is unsafe. */
  get idempotencyKey(): string | undefined {
    return this.#pending.idempotencyKey;
  }

  /** Upper-case method. */
  get method(): string {
    return this.#pending.method;
  }

  /** Target URL. */
  get url(): string {
    return this.#pending.url;
  }

  /** The encoded body (base64 for a multipart upload, see `toJSON().bodyEncoding`). */
  get body(): string | undefined {
    return this.#pending.body;
  }

  /**
   * Sends the submission and gives the state it led to. Follows `303`, `201 Location` and
   * `Content-Location`; turns a 412 into a `ConflictError` with the fresh state, and answers a
   * 428 once with the `If-Match` of the state the form came from.
   */
  send(options: SendOptions = {}): Promise<State<ResultOf<F>>> {
    return sendSubmission<ResultOf<F>>(this.#core, this.#pending, {
      source: this.#source,
      options,
    });
  }

  /** The submission as plain JSON, to persist. */
  toJSON(): PendingSubmission {
    return clonePending(this.#pending);
  }
}

/** Checks that a value read back from storage is a pending submission, and copies it. */
export function clonePending(value: PendingSubmission, call = 'Submission'): PendingSubmission {
  const ok =
    typeof value === 'object' &&
    value !== null &&
    typeof value.template === 'string' &&
    typeof value.method === 'string' &&
    typeof value.url === 'string' &&
    URL.canParse(value.url) &&
    typeof value.source === 'string' &&
    typeof value.headers === 'object' &&
    value.headers !== null &&
    (value.body === undefined || typeof value.body === 'string') &&
    (value.bodyEncoding === undefined || value.bodyEncoding === 'base64') &&
    (value.idempotencyKey === undefined || typeof value.idempotencyKey === 'string');
  if (!ok) throw new TypeError(`${call}: not a pending submission`);
  const copy: PendingSubmission = { ...value, headers: { ...value.headers } };
  return copy;
}
