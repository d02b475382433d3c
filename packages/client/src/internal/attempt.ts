import { AbortError, ClientError, NetworkError, TimeoutError } from '../errors.js';
import type { Middleware, MiddlewareScope, Next } from '../middleware.js';
import { NULL_BODY_STATUSES, isSafeMethod, type HttpRequest } from './exchange.js';
import {
  carriesCredentials,
  compileOrigins,
  originOf,
  type OriginMatcher,
} from './origin-scope.js';
import { headerSetterOf, type HeaderSetter } from './header-setters.js';
import type { DirectSend } from './node-http.js';
import type { AttemptResponse } from './retry.js';
import { attemptSignal, type AttemptAbort } from './signals.js';

interface ScopedMiddleware {
  matches: OriginMatcher;
  middleware: Middleware;
}

/**
 * The middlewares of a client, each scoped to origins. Which ones run is decided per request
 * from the URL of the request in hand, so a redirect to another origin or a link into another
 * service never carries the first origin's credentials.
 */
export class MiddlewareStack {
  readonly #entries: ScopedMiddleware[] = [];

  /** Adds a middleware after those already added. */
  use(middleware: Middleware, scope: MiddlewareScope): void {
    if (typeof middleware !== 'function') {
      throw new TypeError('HalwayClient.use(): the middleware must be a function');
    }
    if (scope === undefined || scope === null || scope.origin === undefined) {
      throw new TypeError('HalwayClient.use(): say which origins the middleware is for');
    }
    const { matches, everywhere } = compileOrigins('HalwayClient.use()', scope.origin);
    if (everywhere && carriesCredentials(middleware)) {
      throw new TypeError(
        'HalwayClient.use(): a credential middleware must be scoped to named origins, not "*"',
      );
    }
    this.#entries.push({ matches, middleware });
  }

  /**
   * What the middlewares for the origin of `url` do to a request's headers, in order, when
   * that is all they do (none: an empty list); undefined when one of them does more.
   */
  headerSettersFor(url: string): HeaderSetter[] | undefined {
    const origin = originOf(url) ?? '';
    const setters: HeaderSetter[] = [];
    for (const entry of this.#entries) {
      if (!entry.matches(origin)) continue;
      const setter = headerSetterOf(entry.middleware);
      if (setter === undefined) return undefined;
      setters.push(setter);
    }
    return setters;
  }

  /** Runs `request` through the middlewares that match its origin, then `send`. */
  run(request: Request, send: Next): Promise<Response> {
    const dispatch = (from: number, current: Request): Promise<Response> => {
      const origin = originOf(current.url) ?? '';
      for (let index = from; index < this.#entries.length; index++) {
        const entry = this.#entries[index]!;
        if (entry.matches(origin)) {
          return entry.middleware(current, (next) => dispatch(index + 1, next));
        }
      }
      return send(current);
    };
    return dispatch(0, request);
  }
}

/** What one attempt needs from the client. */
export interface AttemptDeps {
  /** The client's middlewares. */
  stack: MiddlewareStack;
  /** The fetch to end with. */
  fetch: typeof fetch;
  /** In Node, with the platform's fetch: sends attempts without fetch (see node-http.ts). */
  direct?: DirectSend | undefined;
}

/**
 * Whether fetch here hides redirects (browsers and their workers answer a `manual` fetch with an
 * opaque response), so that the client must let fetch follow them.
 */
export const FETCH_HIDES_REDIRECTS =
  typeof (globalThis as { document?: unknown }).document !== 'undefined' ||
  typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

/**
 * Sends a request once: through the middlewares, with redirects left to the caller, the body
 * read within the timeout. Fetch's failures become the client's errors: `AbortError` when the
 * caller aborted, `TimeoutError` when the attempt ran out of time, `NetworkError` otherwise.
 */
export async function sendAttempt(
  request: HttpRequest,
  deps: AttemptDeps,
  limits: { signal: AbortSignal | undefined; timeout: number },
): Promise<AttemptResponse> {
  const { signal, timeout } = limits;
  const attempt = attemptSignal(signal, timeout);
  try {
    const setters = deps.direct && deps.stack.headerSettersFor(request.url);
    if (deps.direct && setters) {
      const sent = setters.length === 0 ? request : await withHeadersSet(request, setters);
      const direct = deps.direct(sent, attempt);
      if (direct) return await direct;
    }
    const mode = FETCH_HIDES_REDIRECTS ? 'follow' : 'manual';
    const built = toFetchRequest(request, attempt.signal, mode);
    let response = await deps.stack.run(built, (r) =>
      r === built ? endOfStack(r, request, deps, attempt) : deps.fetch(r),
    );
    if (response.type === 'opaqueredirect') {
      // A fetch that hid the redirect: the request was handled, its outcome is out of sight.
      // Sending it again with 'follow' is only harmless when it is safe or carries its key.
      if (!isSafeMethod(request.method) && !request.headers.has('idempotency-key')) {
        throw new NetworkError(request.url, new TypeError('the redirect was hidden by fetch'));
      }
      response = await deps.stack.run(toFetchRequest(request, attempt.signal, 'follow'), (r) =>
        deps.fetch(r),
      );
    }
    const answered = directAnswers.get(response);
    const body =
      answered !== undefined && !response.bodyUsed ? answered.body : await response.text();
    return { status: response.status, headers: new Headers(response.headers), body };
  } catch (error) {
    if (error instanceof ClientError) throw error;
    if (signal?.aborted) throw new AbortError(request.url, signal.reason);
    if (attempt.timedOut()) throw new TimeoutError(request.url, timeout);
    if (error instanceof TypeError) throw new NetworkError(request.url, error);
    throw error;
  } finally {
    attempt.dispose();
  }
}

/** What the direct sender answered, by the `Response` made of it for the middlewares. */
const directAnswers = new WeakMap<Response, AttemptResponse>();

/**
 * The end of the middlewares for the request they were given: middlewares that only set
 * headers on it (credentials, `setHeaders`) leave it to the direct sender where there is one,
 * with their headers; they get a `Response` of its answer, whose body is not read again.
 */
async function endOfStack(
  current: Request,
  request: HttpRequest,
  deps: AttemptDeps,
  abort: AttemptAbort,
): Promise<Response> {
  const direct = current.bodyUsed
    ? undefined
    : deps.direct?.({ ...request, headers: current.headers }, abort);
  if (direct === undefined) return deps.fetch(current);
  const answer = await direct;
  let response: Response;
  try {
    const body = NULL_BODY_STATUSES.has(answer.status) ? null : answer.body;
    response = new Response(body, { status: answer.status, headers: answer.headers });
  } catch (error) {
    throw new TypeError('fetch failed', { cause: error });
  }
  directAnswers.set(response, answer);
  return response;
}

// The request with what header-only middlewares set, on a copy of its headers: the request
// itself never carries credentials (a redirect elsewhere is sent without them).
async function withHeadersSet(
  request: HttpRequest,
  setters: readonly HeaderSetter[],
): Promise<HttpRequest> {
  const headers = new Headers(request.headers);
  for (const set of setters) await set(headers);
  return { ...request, headers };
}

function toFetchRequest(
  request: HttpRequest,
  signal: AbortSignal,
  redirect: RequestRedirect,
): Request {
  return new Request(request.url, {
    method: request.method,
    headers: new Headers(request.headers),
    body: request.body,
    redirect,
    signal,
  });
}
