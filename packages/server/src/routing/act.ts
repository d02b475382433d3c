import type { FieldProblem } from '@halway/hal';
import type { Request, Response } from 'express';
import { callerOf } from '../auth/caller.js';
import { HttpProblem } from '../errors.js';
import type { BodyParser } from '../http/body.js';
import { problemReply, toProblem } from '../http/problems.js';
import { writeReply, type Reply } from '../http/reply.js';
import type { CompiledAction, CompiledResource } from '../resource/compile.js';
import type { ActionContext, RequestContext } from '../resource/context.js';
import { createRequestContext, requestParams } from '../resource/create-context.js';
import { availableActions, isAllowed, isPermitted } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { checkPreconditions } from './preconditions.js';
import { claimIdempotencyKey, type IdempotencyClaim } from './idempotent.js';
import { readOnlyProblems } from './read-only.js';
import { loadState, resourcePath, selfOf } from './read.js';
import { outcomeReply } from './respond.js';

type Context = RequestContext<Record<string, string | undefined>>;

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * Runs an action. In order: identify the caller, parse the body, honour an `Idempotency-Key`
 * (replaying a stored response), load the state (404), check the caller may (401/403), check
 * `If-Match` (412/428), the state guard (409) and the input (422), then run the handler and
 * reply, keeping the reply for the key.
 */
export async function runAction(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  action: CompiledAction,
  request: Request,
  response: Response,
  parseBody: BodyParser,
): Promise<void> {
  const fromQuery = QUERY_METHODS.has(request.method);
  const caller = await callerOf(runtime, request);
  if (!fromQuery) await parseBody(request, response);
  const claim = await claimIdempotencyKey(runtime, action, request, caller);
  if (claim.kind === 'replay') {
    writeReply(request, response, {
      ...claim.reply,
      headers: { ...claim.reply.headers, 'Idempotent-Replayed': 'true' },
    });
    return;
  }
  let reply: Reply;
  try {
    reply = await perform(runtime, owner, action, request, fromQuery, caller, claim);
  } catch (error) {
    await claim.release();
    throw error;
  }
  writeReply(request, response, reply);
}

async function perform(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  action: CompiledAction,
  request: Request,
  fromQuery: boolean,
  caller: Context['caller'],
  claim: Exclude<IdempotencyClaim, { kind: 'replay' }>,
): Promise<Reply> {
  const ownerSelf = selfOf(owner, request, resourcePath(request, action.subPath));
  const context = createRequestContext(
    runtime,
    request,
    ownerSelf,
    requestParams(owner.resource, request),
    caller,
  );
  const state = await loadState(owner, context, request);
  if (!isPermitted(action, state, context)) throw notPermitted(runtime, action, caller);
  await checkPreconditions(runtime, owner, action, state, context, request, ownerSelf);
  if (!isAllowed(action, state, context))
    throw notAllowedNow(owner, action, state, context, ownerSelf);

  const raw = fromQuery ? queryInput(request, owner) : (request.body as unknown);
  const fromText =
    fromQuery ||
    request.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
  const result = action.validator.validate(raw, fromText);
  const problems = [
    ...(result.valid ? [] : result.problems),
    ...readOnlyProblems(action, raw, state, context),
  ];
  if (!result.valid || problems.length > 0) throw invalidInput(action, problems);

  const { options } = action.declaration;
  if (!('handle' in options)) throw new TypeError(`action "${action.name}" has no handler`);
  const actionContext: ActionContext<unknown, Record<string, string | undefined>, unknown> = {
    ...context,
    state,
    input: result.value,
  };
  let reply: Reply;
  try {
    reply = await outcomeReply(runtime, request, await options.handle(actionContext as never), {
      owner,
      context,
      ownerSelf,
    });
  } catch (error) {
    // A problem the handler raised is its answer, replayed like any other; anything else is a failure.
    if (!(error instanceof HttpProblem)) throw error;
    reply = problemReply(toProblem(error));
  }
  await claim.complete(reply);
  return reply;
}

function notPermitted(
  runtime: ServiceRuntime,
  action: CompiledAction,
  caller: Context['caller'],
): HttpProblem {
  if (caller === undefined) {
    const challenge = runtime.authentication?.challenge;
    return new HttpProblem('UNAUTHORIZED', {
      detail: `"${action.name}" needs credentials`,
      headers: challenge ? { 'WWW-Authenticate': challenge } : {},
    });
  }
  return new HttpProblem('FORBIDDEN', {
    detail: `"${action.name}" is not permitted to ${caller.id}`,
  });
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

function queryInput(request: Request, owner: CompiledResource): Record<string, unknown> {
  const addressing = new Set(owner.resource.options.query ?? []);
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (!addressing.has(name)) input[name] = value;
  }
  return input;
}
