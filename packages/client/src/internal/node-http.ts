import { NULL_BODY_STATUSES, type HttpRequest } from './exchange.js';
import type { AttemptResponse } from './retry.js';
import type { AttemptAbort } from './signals.js';

/**
 * Sends one attempt straight through `node:http` / `node:https` and reads its whole body, or
 * returns undefined for a URL it does not handle (anything but `http:` and `https:`).
 */
export type DirectSend = (
  request: HttpRequest,
  abort: AttemptAbort,
) => Promise<AttemptResponse> | undefined;

/** The fetch there was when the client was loaded: the platform's, unless replaced before. */
const PLATFORM_FETCH = globalThis.fetch;

/** How long an idle connection is kept for the next request: undici's default, as fetch does. */
const IDLE_TIMEOUT = 4_000;

/**
 * What Node's fetch adds to every request that does not set it (Node 20's undici), so that a
 * server sees the same request either way.
 */
const FETCH_DEFAULTS: readonly (readonly [string, string])[] = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];

/** Headers that make fetch bypass HTTP caches, which it then says with `no-cache`. */
const CONDITIONAL = [
  'if-modified-since',
  'if-none-match',
  'if-unmodified-since',
  'if-match',
  'if-range',
];

/** Methods fetch sends `Content-Length: 0` for when they carry no body. */
const EMPTY_BODY_LENGTH = new Set(['POST', 'PUT', 'PATCH']);

const utf8 = new TextDecoder();
let shared: DirectSend | null | undefined;

/**
 * The direct sender for a client, in Node only and only when the client sends with the
 * platform's own fetch (no `fetch` option, `globalThis.fetch` not replaced): the same requests
 * and the same answers as fetch, without building a `Request`, a `Response` and their web
 * streams for every attempt, which is most of what a request costs the client. Elsewhere
 * (browsers, a fetch of the caller's) undefined: the client uses fetch.
 */
export function directSender(fetchOption: typeof fetch | undefined): DirectSend | undefined {
  if (fetchOption !== undefined || globalThis.fetch !== PLATFORM_FETCH) return undefined;
  if (shared === undefined) shared = createDirectSender();
  return shared ?? undefined;
}

// The little of node:http, node:https and node:zlib used here, typed here: this package is
// built without Node's types, and loads these modules only when it runs in Node.

interface IncomingMessage {
  statusCode?: number;
  rawHeaders: string[];
  complete: boolean;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
}

interface ClientRequest {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  end(body?: Uint8Array | string): unknown;
  destroy(): unknown;
}

interface HttpModule {
  request(
    url: string,
    options: { method: string; headers: Record<string, string>; agent: unknown },
    onResponse: (incoming: IncomingMessage) => void,
  ): ClientRequest;
  Agent: new (options: { keepAlive: boolean; timeout: number }) => unknown;
}

interface ZlibOptions {
  flush: number;
  finishFlush: number;
}

interface ZlibModule {
  constants: { Z_SYNC_FLUSH: number };
  gunzipSync(body: Uint8Array, options: ZlibOptions): Uint8Array;
  inflateSync(body: Uint8Array, options: ZlibOptions): Uint8Array;
  inflateRawSync(body: Uint8Array, options: ZlibOptions): Uint8Array;
  brotliDecompressSync(body: Uint8Array): Uint8Array;
}

/** Node's own, there whenever these modules are. */
declare const setImmediate: (callback: () => void) => unknown;

interface BufferModule {
  Buffer: { byteLength(text: string): number };
}

interface NodeModules {
  http: HttpModule;
  https: HttpModule;
  zlib: ZlibModule;
  buffer: BufferModule;
}

function nodeModules(): NodeModules | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof node?.getBuiltinModule !== 'function') return undefined;
  return {
    http: node.getBuiltinModule('node:http') as HttpModule,
    https: node.getBuiltinModule('node:https') as HttpModule,
    zlib: node.getBuiltinModule('node:zlib') as ZlibModule,
    buffer: node.getBuiltinModule('node:buffer') as BufferModule,
  };
}

function createDirectSender(): DirectSend | null {
  const modules = nodeModules();
  if (modules === undefined) return null;
  const { http, https, zlib, buffer } = modules;
  // Keep-alive, with idle connections closed before the server's `Keep-Alive: timeout` hint.
  const transports = {
    'http:': {
      request: http.request,
      agent: new http.Agent({ keepAlive: true, timeout: IDLE_TIMEOUT }),
    },
    'https:': {
      request: https.request,
      agent: new https.Agent({ keepAlive: true, timeout: IDLE_TIMEOUT }),
    },
  };
  return (request, abort) => {
    const protocol = request.url.startsWith('https:')
      ? 'https:'
      : request.url.startsWith('http:')
        ? 'http:'
        : undefined;
    const { method, body } = request;
    if (protocol === undefined) return undefined;
    if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
      return Promise.reject(new TypeError('Request with GET/HEAD method cannot have body.'));
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    for (const [name, value] of FETCH_DEFAULTS) headers[name] ??= value;
    if (CONDITIONAL.some((name) => headers[name] !== undefined)) {
      headers['pragma'] ??= 'no-cache';
      headers['cache-control'] ??= 'no-cache';
    }
    if (typeof body === 'string') headers['content-type'] ??= 'text/plain;charset=UTF-8';
    if (body !== undefined) {
      const length = typeof body === 'string' ? buffer.Buffer.byteLength(body) : body.byteLength;
      headers['content-length'] = String(length);
    } else if (EMPTY_BODY_LENGTH.has(method)) headers['content-length'] = '0';

    const { request: send, agent } = transports[protocol];
    return new Promise<AttemptResponse>((resolve, reject) => {
      let outgoing: ClientRequest | undefined;
      let stopListening = () => {};
      // Failures are fetch's: a TypeError whose cause says what happened.
      function fail(cause: unknown): void {
        stopListening();
        reject(new TypeError('fetch failed', { cause }));
      }
      if (abort.aborted) return fail(abort.reason);
      stopListening = abort.onAbort(() => {
        outgoing?.destroy();
        fail(abort.reason);
      });
      const onResponse = (incoming: IncomingMessage) => {
        const chunks: Uint8Array[] = [];
        incoming.on('data', (chunk: Uint8Array) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('close', () => {
          if (!incoming.complete) fail(new Error('the connection closed before the body ended'));
        });
        incoming.on('end', () => {
          stopListening();
          const status = incoming.statusCode ?? 0;
          const received = new Headers();
          const raw = incoming.rawHeaders;
          for (let index = 0; index + 1 < raw.length; index += 2) {
            received.append(raw[index]!, raw[index + 1]!);
          }
          try {
            const content = decoded(zlib, concat(chunks), method, status, received);
            resolve({ status, headers: received, body: utf8.decode(content) });
          } catch (error) {
            fail(error);
          }
        });
      };
      // A turn of the event loop first, as fetch takes: a kept-alive connection the server
      // has just closed is then seen closed, and not handed this request.
      setImmediate(() => {
        if (abort.aborted) return;
        try {
          outgoing = send(request.url, { method, headers, agent }, onResponse);
        } catch (error) {
          return fail(error);
        }
        outgoing.on('error', fail);
        // A string body goes out with the headers in one write (bytes would take a writev).
        outgoing.end(body);
      });
    });
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** The body with its `Content-Encoding` undone, as fetch does (gzip, deflate, br). */
function decoded(
  zlib: ZlibModule,
  body: Uint8Array,
  method: string,
  status: number,
  headers: Headers,
): Uint8Array {
  const coding = headers.get('content-encoding');
  if (!coding || method === 'HEAD' || NULL_BODY_STATUSES.has(status) || body.byteLength === 0)
    return body;
  const codings = coding
    .toLowerCase()
    .split(',')
    .map((name) => name.trim());
  if (!codings.every((name) => ['gzip', 'x-gzip', 'deflate', 'br'].includes(name))) return body;
  // Lenient like fetch: a body cut short still gives what was decoded.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let content = body;
  for (const name of codings.reverse()) {
    if (name === 'br') content = zlib.brotliDecompressSync(content);
    else if (name === 'deflate') content = inflate(zlib, content, flush);
    else content = zlib.gunzipSync(content, flush);
  }
  return content;
}

/** `deflate` is zlib-wrapped by the standard, but raw deflate is common: both are read. */
function inflate(zlib: ZlibModule, body: Uint8Array, options: ZlibOptions): Uint8Array {
  try {
    return zlib.inflateSync(body, options);
  } catch {
    return zlib.inflateRawSync(body, options);
  }
}
