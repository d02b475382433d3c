import type { Request, RequestHandler, Response } from 'express';
import { sendProblem } from './service.js';

/** What a keyed handler answers; `drop` closes the connection instead (the response is lost). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  type?: string;
  drop?: boolean;
}

interface Entry {
  fingerprint: string;
  reply?: Reply;
}

/**
 * A server-side Idempotency-Key store as the IETF draft describes it, for test services: same
 * key and payload → the stored reply is replayed and the handler does not run again; same key,
 * other payload → 422; key still being processed → 409.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  /** How many times handlers actually ran (effects applied). */
  executions = 0;

  /**
   * Wraps a handler: keyed requests run at most once per key. `loseResponse` is asked before
   * each reply (new or replayed) goes out; when it says yes, the connection is closed instead.
   */
  handle(
    handler: (req: Request) => Reply | Promise<Reply>,
    loseResponse: () => boolean = () => false,
  ): RequestHandler {
    return async (req, res) => {
      const key = req.get('idempotency-key');
      const fingerprint = `${req.method} ${req.originalUrl} ${JSON.stringify(req.body ?? null)}`;
      if (key) {
        const entry = this.#entries.get(key);
        if (entry && entry.fingerprint !== fingerprint) {
          return sendProblem(res, 422, { title: 'Idempotency-Key reused for another request' });
        }
        if (entry && !entry.reply) {
          return sendProblem(res, 409, { title: 'A request with this key is in progress' });
        }
        if (entry?.reply) return sendReply(req, res, { ...entry.reply, drop: loseResponse() });
        this.#entries.set(key, { fingerprint });
      }
      this.executions += 1;
      const reply = await handler(req);
      if (key) this.#entries.get(key)!.reply = reply;
      sendReply(req, res, { ...reply, drop: reply.drop === true || loseResponse() });
    };
  }
}

/** Sends a reply, or closes the connection without one when `drop` is set. */
export function sendReply(req: Request, res: Response, reply: Reply): void {
  if (reply.drop) {
    req.socket.destroy();
    return;
  }
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) {
    res.end();
    return;
  }
  res.type(reply.type ?? 'application/prs.hal-forms+json').send(JSON.stringify(reply.body));
}
