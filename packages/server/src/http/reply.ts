import type { Response } from 'express';

/** A response described as data, so that it can be stored and replayed (idempotency keys). */
export interface Reply {
  /** Status code. */
  status: number;
  /** Headers, by name. */
  headers: Record<string, string>;
  /** The body, if any. */
  body?: string;
}

/** Writes a reply. Express omits the body for HEAD and answers 304 when an ETag is still fresh. */
export function writeReply(response: Response, reply: Reply): void {
  response.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  if (reply.body === undefined) response.end();
  else response.send(reply.body);
}
