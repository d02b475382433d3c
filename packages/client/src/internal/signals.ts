import { AbortError } from '../errors.js';

/** The signal one attempt runs under: the caller's signal plus the attempt's own timeout. */
export interface AttemptSignal {
  /** Aborts when the caller aborts or the timeout passes. */
  signal: AbortSignal;
  /** Whether it was the timeout that fired. */
  timedOut(): boolean;
  /** Clears the timer and the listener. */
  dispose(): void;
}

/** Combines the caller's signal with a timeout of `timeout` ms (none when 0 or not finite). */
export function attemptSignal(caller: AbortSignal | undefined, timeout: number): AttemptSignal {
  const controller = new AbortController();
  let fired = false;
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeout > 0 && Number.isFinite(timeout)
      ? setTimeout(() => {
          fired = true;
          controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        }, timeout)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
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
