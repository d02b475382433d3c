import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Request } from 'express';

/**
 * A request as Halway's own request path reads it: Node's request, with the path, mount point,
 * parameters and body that Halway's router (or Express's) gives it. Halway never needs more of
 * Express than this, so its routes are served on Node's request as it comes: Express makes its
 * request and response by changing their prototypes, which slows every later step of Node's
 * HTTP code. An Express request is one of these too.
 */
export interface IncomingRequest extends IncomingMessage {
  /** The method (always set on a server's requests). */
  method: string;
  /** The URL below the mount point, query included. */
  url: string;
  /** Where the service is mounted (`''` at the root). */
  baseUrl: string;
  /** The path below the mount point, without the query. */
  path: string;
  /** The URL as the client sent it, mount point included. */
  originalUrl: string;
  /** The path parameters of the route. */
  params: Record<string, string | string[]>;
  /** The parsed body of an action, once read. */
  body?: unknown;
  /** The query parameters, once parsed (see `queryOf`). */
  query?: unknown;
}

/** The response Halway writes: Node's. */
export type OutgoingResponse = ServerResponse;

/** The query parameters of a request, parsed once (as Express's default "simple" parser does). */
export function queryOf(request: IncomingRequest): Record<string, string | string[] | undefined> {
  const parsed = request.query;
  if (parsed !== undefined) return parsed as Record<string, string | string[] | undefined>;
  const { url } = request;
  const start = url.indexOf('?');
  const query = start === -1 ? {} : { ...parseQuery(url.slice(start + 1)) };
  request.query = query;
  return query;
}

/** A request header as one string (repeated fields joined, as Node joins most of them). */
export function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Turns a request into Express's, for code that wants Express's API (`context.request`). */
export type ToExpress = (request: IncomingRequest) => Request;
