import { AbortError } from '../errors.js';

/** What a sender needs to stop an attempt: whether it was aborted, why, and when it is. */
export interface AttemptAbort {
  /** Whether the caller aborted or the timeout passed. */
  readonly aborted: boolean;
  /** Why (the caller's reason, or a TimeoutError DOMException). */
  readonly reason: unknown;
  /** Calls `listener` once the attempt is aborted (at once if it is); returns the way to stop. */
  onAbort(listener: () => void): () => void;
}

/** The signal one attempt runs under: the caller's signal plus the attempt's own timeout. */
export interface AttemptSignal extends AttemptAbort {
  /** The same as an AbortSignal, for fetch (made on first use: Node's sender needs none). */
  readonly signal: AbortSignal;
  /** Whether it was the timeout that fired. */
  timedOut(): boolean;
  /** Clears the timer and the listener. */
  dispose(): void;
}

/** Combines the caller's signal with a timeout of `timeout` ms (none when 0 or not finite). */
export function attemptSignal(caller: AbortSignal | undefined, timeout: number): AttemptSignal {
  return new Attempt(caller, timeout);
}

// Most attempts end before their timeout with nobody aborting them: an AbortController, its
// signal and their event listeners were a good part of what an attempt cost. Here a timer and
// at most a listener or two; the AbortSignal only when fetch asks for it.
class Attempt implements AttemptSignal {
  aborted = false;
  reason: unknown = undefined;
  #fired = false;
  #controller: AbortController | undefined;
  #listeners: (() => void)[] = [];
  readonly #caller: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onCallerAbort = () => this.#abort(this.#caller?.reason);

  constructor(caller: AbortSignal | undefined, timeout: number) {
    this.#caller = caller;
    if (caller?.aborted) this.#abort(caller.reason);
    else caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#timer =
      timeout > 0 && Number.isFinite(timeout)
        ? setTimeout(() => {
            this.#fired = true;
            this.#abort(new DOMException('The attempt timed out', 'TimeoutError'));
          }, timeout)
        : undefined;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return () => {};
    }
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener);
    };
  }

  timedOut(): boolean {
    return this.#fired;
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }

  #abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    for (const listener of this.#listeners.splice(0)) listener();
  }
}

/** Throws an AbortError when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted) throw new AbortError(url, signal.reason);
}

/** Settles like `promise`, or rejects with an AbortError as soon as `signal` aborts. */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  url: string,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortError(url, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError(url, signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

/**
 * A signal shared by several callers of one merged request: it aborts only once every caller
 * that joined has aborted, so one impatient caller does not cancel the others' request.
 */
export class SharedAbort {
  readonly #controller = new AbortController();
  readonly #joined: [AbortSignal, () => void][] = [];
  #active = 0;

  /** The signal the shared request runs under. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Adds a caller; a caller without a signal keeps the request alive to the end. */
  join(signal: AbortSignal | undefined): void {
    this.#active += 1;
    if (!signal) return;
    const leave = () => {
      this.#active -= 1;
      if (this.#active === 0) this.#controller.abort(signal.reason);
    };
    if (signal.aborted) return leave();
    signal.addEventListener('abort', leave, { once: true });
    this.#joined.push([signal, leave]);
  }

  /** Stops listening to the callers' signals, once the shared request is over. */
  release(): void {
    for (const [signal, leave] of this.#joined.splice(0)) {
      signal.removeEventListener('abort', leave);
    }
  }
}
