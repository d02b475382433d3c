import { parseLinkHeader } from '@halway/hal';
import { ClientError, TooManyRedirectsError } from '../errors.js';
import type { Clock } from '../options.js';
import type { CacheStatus, Hop } from '../trace.js';
import { MiddlewareStack, sendAttempt } from './attempt.js';
import {
  headerUrl,
  isSafeMethod,
  withoutFragment,
  type CallContext,
  type HttpRequest,
  type HttpResult,
} from './exchange.js';
import type { HttpCache } from './http-cache.js';
import type { DirectSend } from './node-http.js';
import { originOf } from './origin-scope.js';
import { redirectTarget } from './redirects.js';
import { sendWithRetries, type AttemptResponse, type RetryPolicy } from './retry.js';
import { SharedAbort, raceAbort, throwIfAborted } from './signals.js';

/** What the transport is built from. */
export interface TransportOptions {
  /** The fetch every attempt ends with. */
  fetch: typeof fetch;
  /** In Node, with the platform's fetch: sends attempts without fetch (see node-http.ts). */
  direct?: DirectSend | undefined;
  /** Time for freshness and backoff. */
  clock: Clock;
  /** When to send again. */
  retry: RetryPolicy;
  /** The HTTP cache, unless turned off. */
  cache: HttpCache | undefined;
  /** Default per-attempt timeout, in ms. */
  timeout: number;
  /** The most redirects per request. */
  maxRedirects: number;
  /** The client's hop hook. */
  onHop: ((hop: Hop) => void) | undefined;
  /** Called for every URL a successful unsafe request invalidates. */
  onInvalidate: (url: string) => void;
}

interface InFlight {
  promise: Promise<HttpResult>;
  /** Undefined when its first caller had no signal: nothing can abort it then. */
  shared: SharedAbort | undefined;
}

/**
 * Every request of a client goes through here, in this order: identical concurrent GETs merge
 * into one; redirects are followed hop by hop; each hop asks the HTTP cache, then the network
 * with retries; each attempt runs the middlewares of its own origin, under a timeout. Each hop
 * is reported, and successful unsafe requests invalidate what they changed.
 */
export class Transport {
  /** The client's middlewares. */
  readonly stack = new MiddlewareStack();
  readonly #options: TransportOptions;
  readonly #inFlight = new Map<string, InFlight>();

  /** Creates a transport. */
  constructor(options: TransportOptions) {
    this.#options = options;
  }

  /** Sends a request and returns the final response with its body read. */
  send(request: HttpRequest, context: CallContext): Promise<HttpResult> {
    throwIfAborted(context.signal, request.url);
    if (request.method !== 'GET' || request.body !== undefined) {
      return this.#followRedirects(request, context);
    }
    const key = mergeKey(request, context);
    const existing = this.#inFlight.get(key);
    if (existing) {
      existing.shared?.join(context.signal);
      return raceAbort(existing.promise, context.signal, request.url);
    }
    // A caller without a signal keeps a merged request alive to the end (see SharedAbort), so
    // the request needs a shared signal only when its first caller brings one.
    const shared = context.signal === undefined ? undefined : new SharedAbort();
    shared?.join(context.signal);
    const promise = this.#followRedirects(request, { ...context, signal: shared?.signal }).finally(
      () => {
        this.#inFlight.delete(key);
        shared?.release();
      },
    );
    this.#inFlight.set(key, { promise, shared });
    return raceAbort(promise, context.signal, request.url);
  }

  async #followRedirects(request: HttpRequest, context: CallContext): Promise<HttpResult> {
    let current = request;
    let from: string | undefined;
    for (let redirects = 0; ; redirects++) {
      const result = await this.#hop(current, context, from);
      const next = redirectTarget(current, result.status, result.headers);
      if (next === undefined) return { ...result, redirected: from !== undefined };
      if (redirects >= this.#options.maxRedirects) {
        throw new TooManyRedirectsError(request.url, this.#options.maxRedirects);
      }
      from = current.url;
      current = next;
    }
  }

  async #hop(
    request: HttpRequest,
    context: CallContext,
    redirectedFrom: string | undefined,
  ): Promise<HttpResult> {
    const started = performance.now();
    const counter = { attempts: 0 };
    const hop: Hop = {
      origin: originOf(request.url) ?? '',
      method: request.method,
      url: request.url,
      status: 0,
      cache: 'bypass',
      ms: 0,
      attempts: 0,
    };
    if (context.rel !== undefined && redirectedFrom === undefined) hop.rel = context.rel;
    if (context.template !== undefined && redirectedFrom === undefined) {
      hop.template = context.template;
    }
    if (redirectedFrom !== undefined) hop.redirectedFrom = redirectedFrom;
    const key = request.headers.get('idempotency-key');
    if (key !== null) hop.idempotencyKey = key.replace(/^"(.*)"$/, '$1');
    try {
      const { response, cache } = await this.#cached(request, context, counter);
      hop.status = response.status;
      hop.cache = cache;
      if (!isSafeMethod(request.method) && response.status < 400) {
        this.#invalidateAfter(request, response);
      }
      // A literal, not `{ request, ...response, cache }`: a spread that adds keys is slow in V8.
      const { status, headers, body } = response;
      return { request, status, headers, body, cache, redirected: false };
    } catch (error) {
      hop.error = error instanceof ClientError ? error.code : 'ERROR';
      throw error;
    } finally {
      hop.ms = Math.round((performance.now() - started) * 100) / 100;
      hop.attempts = counter.attempts;
      report(hop, this.#options.onHop, context.onHop);
    }
  }

  async #cached(
    request: HttpRequest,
    context: CallContext,
    counter: { attempts: number },
  ): Promise<{ response: AttemptResponse; cache: CacheStatus }> {
    const cache = this.#options.cache;
    const mode = context.cache ?? 'default';
    if (!cache || request.method !== 'GET' || mode === 'no-store') {
      return { response: await this.#network(request, context, counter), cache: 'bypass' };
    }
    const lookup =
      mode === 'reload' ? ({ kind: 'none' } as const) : cache.lookup(request, mode === 'no-cache');
    if (lookup.kind === 'fresh') return { response: lookup.response, cache: 'hit' };
    if (lookup.kind === 'stale') {
      const conditional = { ...request, headers: lookup.headers };
      const response = await this.#network(conditional, context, counter);
      if (response.status === 304) {
        const reused = cache.revalidated(request, response);
        if (reused) return { response: reused, cache: 'revalidated' };
      }
      cache.store(request, response);
      return { response, cache: 'miss' };
    }
    const response = await this.#network(request, context, counter);
    cache.store(request, response);
    return { response, cache: 'miss' };
  }

  #network(
    request: HttpRequest,
    context: CallContext,
    counter: { attempts: number },
  ): Promise<AttemptResponse> {
    const { retry, clock, timeout, fetch, direct } = this.#options;
    const limits = { signal: context.signal, timeout: context.timeout ?? timeout };
    return sendWithRetries(
      request,
      () => sendAttempt(request, { stack: this.stack, fetch, direct }, limits),
      { policy: retry, clock, signal: context.signal, counter },
    );
  }

  // RFC 9111 §4.4: a successful unsafe request invalidates its target and the URLs the response
  // names. This cache is private to one client, so other origins' URLs are invalidated too.
  #invalidateAfter(request: HttpRequest, response: AttemptResponse): void {
    const urls = [
      request.url,
      headerUrl(response.headers, 'location', request.url),
      headerUrl(response.headers, 'content-location', request.url),
    ];
    const link = response.headers.get('link');
    if (link) {
      for (const entry of parseLinkHeader(link, request.url)) {
        if (entry.rel.toLowerCase() === 'invalidates') urls.push(entry.href);
      }
    }
    for (const url of new Set(urls)) {
      if (url === undefined) continue;
      this.#options.cache?.invalidate(url);
      this.#options.onInvalidate(withoutFragment(url));
    }
  }
}

function mergeKey(request: HttpRequest, context: CallContext): string {
  const headers: string[] = [];
  request.headers.forEach((value, name) => headers.push(`${name}:${value}`));
  return [request.url, context.cache ?? 'default', ...headers.sort()].join('\n');
}

function report(hop: Hop, ...hooks: (((hop: Hop) => void) | undefined)[]): void {
  for (const hook of hooks) {
    try {
      hook?.(hop);
    } catch {
      // A broken trace hook must not break the traversal it observes.
    }
  }
}
