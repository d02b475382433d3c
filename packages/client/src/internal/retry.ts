import { AbortError, NetworkError, TimeoutError } from '../errors.js';
import type { Clock, RetryOptions } from '../options.js';
import { isSafeMethod, type HttpRequest } from './exchange.js';

/** A retry policy with every default filled in. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Bound of the first backoff, in ms. */
  minDelay: number;
  /** Bound of any backoff, in ms. */
  maxDelay: number;
  /** Statuses that are retried. */
  statuses: ReadonlySet<number>;
  /** The longest Retry-After honoured, in ms. */
  maxRetryAfter: number;
  /** Jitter source in [0, 1). */
  random: () => number;
}

/** A response as one attempt got it. */
export interface AttemptResponse {
  /** Status code. */
  status: number;
  /** Headers (a mutable copy). */
  headers: Headers;
  /** Body as text. */
  body: string;
}

/** What one request's retries run with. */
export interface RetryRun {
  /** The policy. */
  policy: RetryPolicy;
  /** Time for `Retry-After` dates and the waits. */
  clock: Clock;
  /** The caller's signal: aborting it ends a wait. */
  signal: AbortSignal | undefined;
  /** Counts the attempts made, for the trace. */
  counter: { attempts: number };
}

/** Fills in the defaults of a retry policy; `false` means no retries. */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const given = options === false ? { retries: 0 } : (options ?? {});
  const retries = given.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new TypeError('createClient(): retry.retries must be a whole number, 0 or more');
  }
  return {
    retries,
    minDelay: given.minDelay ?? 100,
    maxDelay: given.maxDelay ?? 5000,
    statuses: new Set(given.statuses ?? [429, 503]),
    maxRetryAfter: given.maxRetryAfter ?? 30_000,
    random: given.random ?? Math.random,
  };
}

/**
 * The wait before retry number `retry` (1 for the first): "full jitter", a random share of an
 * exponentially growing bound, so that clients failing together do not retry together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const bound = Math.min(policy.maxDelay, policy.minDelay * 2 ** (retry - 1));
  return Math.floor(policy.random() * bound);
}

/**
 * The wait a `Retry-After` value asks for, in milliseconds: delay-seconds or an HTTP date.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function retryAfterDelay(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends a request, again on a network error, a timeout, a retryable status, or a 409 with
 * `Retry-After` to a keyed request (its first attempt is still running), as the policy allows. Only safe requests and those with an `Idempotency-Key` are sent more than once:
 * anything else might apply its effect twice.
 */
export async function sendWithRetries(
  request: HttpRequest,
  attempt: () => Promise<AttemptResponse>,
  retry: RetryRun,
): Promise<AttemptResponse> {
  const { policy, clock, signal, counter } = retry;
  const keyed = request.headers.has('idempotency-key');
  const retryable = isSafeMethod(request.method) || keyed;
  for (;;) {
    counter.attempts += 1;
    const canRetry = retryable && counter.attempts <= policy.retries;
    let delay: number;
    try {
      const response = await attempt();
      const asked = retryAfterDelay(response.headers.get('retry-after'), clock.now());
      // A 409 with Retry-After to a keyed request means "the first one with this key is still
      // running" (Idempotency-Key draft); a guard's 409 has no Retry-After and is final.
      const inProgress = keyed && response.status === 409 && asked !== undefined;
      if (!canRetry || !(policy.statuses.has(response.status) || inProgress)) return response;
      if (asked !== undefined && asked > policy.maxRetryAfter) return response;
      delay = asked ?? backoffDelay(policy, counter.attempts);
    } catch (error) {
      const transient = error instanceof NetworkError || error instanceof TimeoutError;
      if (!canRetry || !transient) throw error;
      delay = backoffDelay(policy, counter.attempts);
    }
    try {
      await clock.sleep(delay, signal);
    } catch (reason) {
      throw new AbortError(request.url, reason);
    }
  }
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
