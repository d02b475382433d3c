import type { FieldProblem } from '@halway/hal';
import typeis from 'type-is';
import { queryOf, type IncomingRequest, type OutgoingResponse } from '../http/incoming.js';
import { callerOf } from '../auth/caller.js';
import { HttpProblem } from '../errors.js';
import type { BodyParser } from '../http/body.js';
import { problemReply, toProblem } from '../http/problems.js';
import { writeReply, type Reply } from '../http/reply.js';
import type { CompiledAction, CompiledResource } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';
import { actionContextOf, requestParams } from '../resource/create-context.js';
import { availableActions, isAllowed, isPermitted } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { checkReadable, refusal } from './permission.js';
import { checkPreconditions } from './preconditions.js';
import { UnitOfWork } from '../storage/unit-of-work.js';
import { claimKey, keepReply, keyedRequest } from './idempotent.js';
import { readOnlyProblems } from './read-only.js';
import { loadState, resourcePath, selfOf } from './read.js';
import { outcomeReply } from './respond.js';
import { contextOf, prepareFor } from './scope.js';

type Context = RequestContext<Record<string, string | undefined>>;

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * Runs an action, top to bottom. Before any transaction: identify the caller, parse the body,
 * read the `Idempotency-Key`, and run the resource's `prepare` (peer reads). Then, in one
 * transaction: take the key (replaying a kept reply), load the state through the transaction
 * (locking it), check the caller may (401/403), `If-Match` (412/428), the state guard (409) and
 * the input (422), run the handler, save what it changed, queue its messages, render the reply
 * and keep it under the key. It all commits, or none of it does; the outbox is woken after.
 */
export async function runAction(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  action: CompiledAction,
  request: IncomingRequest,
  response: OutgoingResponse,
  parseBody: BodyParser,
): Promise<void> {
  const fromQuery = QUERY_METHODS.has(request.method);
  const caller = await callerOf(runtime, request);
  checkReadable(runtime, owner, caller, request.baseUrl + request.path);
  if (!fromQuery) await parseBody(request, response);
  const keyed = keyedRequest(action, request, caller);
  const addressed = {
    self: selfOf(owner, request, resourcePath(request, action.subPath)),
    params: requestParams(owner.resource, request),
    caller,
  };
  const prepared = await prepareFor(runtime, owner, request, addressed);
  const { reply, sentTo } = await runtime.store.internals.write(async (tx) => {
    const kept = keyed && (await claimKey(tx, keyed));
    if (kept) return { reply: kept, sentTo: [] };
    const unit = new UnitOfWork(tx);
    const context = contextOf(runtime, request, addressed, unit, prepared);
    const reply = await perform(runtime, owner, action, request, fromQuery, context, unit);
    if (keyed) await keepReply(tx, keyed, reply, runtime.idempotencyTtl);
    return { reply, sentTo: [...unit.sentTo] };
  }, runtime.transactionTimeout);
  if (sentTo.length > 0) runtime.outbox.wake(sentTo);
  writeReply(request, response, reply);
}

async function perform(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  action: CompiledAction,
  request: IncomingRequest,
  fromQuery: boolean,
  context: Context,
  unit: UnitOfWork,
): Promise<Reply> {
  const ownerSelf = context.self;
  const state = await loadState(owner, context, request);
  if (!isPermitted(action, state, context))
    throw refusal(runtime, context.caller, `"${action.name}"`);
  await checkPreconditions(runtime, owner, action, state, context, request, ownerSelf);
  if (!isAllowed(action, state, context))
    throw notAllowedNow(owner, action, state, context, ownerSelf);

  const raw = fromQuery ? queryInput(request, owner) : request.body;
  const fromText =
    fromQuery ||
    typeis(request, ['application/x-www-form-urlencoded']) === 'application/x-www-form-urlencoded';
  const result = action.validator.validate(raw, fromText);
  const problems = [
    ...(result.valid ? [] : result.problems),
    ...readOnlyProblems(action, raw, state, context),
  ];
  if (!result.valid || problems.length > 0) throw invalidInput(action, problems);

  const { options } = action.declaration;
  if (!('handle' in options)) throw new TypeError(`action "${action.name}" has no handler`);
  // Its `db` is the action's transaction already (the context was made with the unit).
  const actionContext = actionContextOf(context, state, result.value);
  await unit.tx.savepoint();
  try {
    const outcome = await options.handle(actionContext as never);
    await unit.flush();
    return await outcomeReply(runtime, request, outcome, { owner, context, ownerSelf });
  } catch (error) {
    // A problem the handler raised is its answer, kept for its key like any other, but nothing
    // it wrote is; anything else is a failure that rolls the whole transaction back.
    if (!(error instanceof HttpProblem)) throw error;
    await unit.tx.rollbackToSavepoint();
    unit.discard();
    return problemReply(toProblem(error));
  }
}

function notAllowedNow(
  owner: CompiledResource,
  action: CompiledAction,
  state: unknown,
  context: Context,
  ownerSelf: string,
): HttpProblem {
  const allowed = availableActions(owner, state, context).map((candidate) => candidate.name);
  const possible =
    allowed.length > 0 ? `possible now: ${allowed.join(', ')}` : 'nothing is possible now';
  return new HttpProblem('ACTION_NOT_ALLOWED', {
    detail: `"${action.name}" is not possible on ${ownerSelf} in its current state; ${possible}`,
    extensions: { action: action.name, allowed },
  });
}

function invalidInput(action: CompiledAction, problems: FieldProblem[]): HttpProblem {
  const fields = new Set(problems.map((problem) => problem.field ?? problem.pointer));
  const count = `${fields.size} field${fields.size === 1 ? '' : 's'}`;
  return new HttpProblem('INVALID_INPUT', {
    detail: `${count} of "${action.name}" ${fields.size === 1 ? 'is' : 'are'} invalid`,
    errors: problems,
    extensions: { template: action.name },
  });
}

function queryInput(request: IncomingRequest, owner: CompiledResource): Record<string, unknown> {
  const addressing = new Set(owner.resource.options.query ?? []);
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(queryOf(request))) {
    if (!addressing.has(name)) input[name] = value;
  }
  return input;
}
