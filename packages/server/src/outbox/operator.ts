import type { Caller } from '../auth/authentication.js';
import { HttpProblem } from '../errors.js';
import type { RequestContext } from '../resource/context.js';
import { defineResource, type AnyResource } from '../resource/resource.js';
import type { OutboxTable } from '../storage/engine.js';
import type { UnitOfWork } from '../storage/unit-of-work.js';
import { messageOf, outboxStats, type OutboxMessage } from './view.js';

/** Who may see and retry a service's outbox. */
export type OutboxOperator = (caller: Caller) => boolean;

const SHOWN = 50;

/**
 * The operators' view of a service's outbox, as HAL resources under `path`: the backlog (how many
 * messages wait, how many were refused for good, the age of the oldest) with the oldest failed
 * and pending messages embedded, and each message with a `retry` form once it failed. Only
 * callers `operator` accepts may read them: 401 for anonymous callers, 403 for others.
 */
export function outboxResources(
  path: string,
  table: OutboxTable,
  operator: OutboxOperator,
): AnyResource[] {
  const message = defineResource(`${path}/:id`, {
    title: 'Outbox message',
    // Read before the transaction: the outbox table is not part of the action's documents.
    prepare: async ({ params, caller }) => {
      checkOperator(caller, operator);
      const row = await table.one(params.id ?? '');
      return row && messageOf(row);
    },
    load: ({ prepared }) => prepared,
    params: (state: OutboxMessage) => ({ id: state.id }),
    properties: (state) => ({ ...state }),
    links: () => ({ up: { href: path, title: 'Outbox' } }),
  }).action('retry', {
    method: 'POST',
    title: 'Send it again',
    when: (state) => state.status === 'failed',
    allow: (caller) => caller !== undefined && operator(caller),
    handle: async ({ state, db }) => {
      const retried = await (db as UnitOfWork).tx.retryMessage(state.id, Date.now());
      if (!retried)
        throw new HttpProblem('ACTION_NOT_ALLOWED', {
          detail: `Outbox message ${state.id} is not failed any more`,
        });
    },
  });

  const outbox = defineResource(path, {
    title: 'Outbox',
    load: async (context: RequestContext) => {
      checkOperator(context.caller, operator);
      const [stats, failed, pending] = await Promise.all([
        outboxStats(table),
        table.list('failed', SHOWN, 0),
        table.list('pending', SHOWN, 0),
      ]);
      return { stats, failed: failed.map(messageOf), pending: pending.map(messageOf) };
    },
    properties: ({ stats }) => ({ ...stats }),
    embedded: async ({ failed, pending }, context) => ({
      failed: await Promise.all(failed.map((item) => context.represent(message, item))),
      pending: await Promise.all(pending.map((item) => context.represent(message, item))),
    }),
  });
  return [outbox, message];
}

function checkOperator(caller: Caller | undefined, operator: OutboxOperator): void {
  if (caller === undefined)
    throw new HttpProblem('UNAUTHORIZED', { detail: 'The outbox is shown to operators only' });
  if (!operator(caller))
    throw new HttpProblem('FORBIDDEN', { detail: `The outbox is not shown to ${caller.id}` });
}
