import { HttpProblem } from '../errors.js';

/** One-at-a-time access to something (a SQLite connection, the memory store): a FIFO lock. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every earlier holder is done. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** Thrown into a transaction's work once it is over (committed, rolled back or timed out). */
export class TransactionClosedError extends Error {
  override readonly name = 'TransactionClosedError';
}

/**
 * Races `work` against `timeout` ms: past it, `onTimeout` runs (a rollback) and the call fails
 * with a 503, so one stuck handler cannot hold a lock for ever.
 */
export async function withinTimeout<T>(
  work: Promise<T>,
  timeout: number,
  onTimeout: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(
        new HttpProblem('SERVICE_UNAVAILABLE', {
          detail: `The action took longer than ${timeout} ms and was rolled back; try again`,
          headers: { 'Retry-After': '1' },
        }),
      );
    }, timeout);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The 503 for a transaction that kept conflicting with others after every retry. */
export function tooMuchContention(attempts: number, cause: unknown): HttpProblem {
  return new HttpProblem('SERVICE_UNAVAILABLE', {
    detail: `The action conflicted with concurrent ones ${attempts} times; try again`,
    headers: { 'Retry-After': '1' },
    cause,
  });
}

/** A short random pause, so that transactions retried together do not collide again. */
export function jitter(maxMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * maxMs));
}
