import type { Middleware } from '../middleware.js';

/** What a middleware that only sets request headers does to them. */
export type HeaderSetter = (headers: Headers) => void | Promise<void>;

const SETS_HEADERS = Symbol.for('halway.client.setsHeaders');

type Marked = Middleware & { [SETS_HEADERS]?: HeaderSetter };

/**
 * A middleware that does nothing but `set` on the request's headers and pass it on: the client
 * may then apply `set` to the headers of a request it sends itself, without building the
 * `Request` and `Response` a middleware needs.
 */
export function headerMiddleware(set: HeaderSetter): Middleware {
  const middleware: Marked = async (request, next) => {
    await set(request.headers);
    return next(request);
  };
  middleware[SETS_HEADERS] = set;
  return middleware;
}

/** What a middleware made by {@link headerMiddleware} does to headers; undefined for any other. */
export function headerSetterOf(middleware: Middleware): HeaderSetter | undefined {
  return (middleware as Marked)[SETS_HEADERS];
}
