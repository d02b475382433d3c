import type { FieldProblem } from '@halway/hal';
import { constraintMessage } from '@halway/hal';
import type { Request, Response } from 'express';
import { HttpProblem } from '../errors.js';
import type { BodyParser } from '../http/body.js';
import type { CompiledAction, CompiledResource } from '../resource/compile.js';
import type { ActionContext, RequestContext } from '../resource/context.js';
import { createRequestContext, requestParams } from '../resource/create-context.js';
import { allowedActions, isAllowed } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { loadState } from './read.js';
import { respond } from './respond.js';

type Context = RequestContext<Record<string, string | undefined>>;

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * Runs an action: parse the body, load the state, enforce the guard (409), validate the input
 * (422), call the handler and answer with its result.
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
  if (!fromQuery) await parseBody(request, response);
  const params = requestParams(owner.resource, request);
  const context = createRequestContext(runtime, request, params);
  const state = await loadState(owner, context, request);
  if (!isAllowed(action, state, context))
    throw notAllowedNow(owner, action, state, context, request);

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
  const outcome = await options.handle(actionContext as never);
  await respond(runtime, request, response, outcome, { owner, context });
}

function notAllowedNow(
  owner: CompiledResource,
  action: CompiledAction,
  state: unknown,
  context: Context,
  request: Request,
): HttpProblem {
  const allowed = allowedActions(owner, state, context).map((candidate) => candidate.name);
  const resourcePath = `${request.baseUrl}${request.path}`.slice(
    0,
    action.subPath === '' ? undefined : -action.subPath.length,
  );
  return new HttpProblem('ACTION_NOT_ALLOWED', {
    detail:
      `"${action.name}" is not possible on ${resourcePath} in its current state` +
      (allowed.length > 0 ? `; possible now: ${allowed.join(', ')}` : '; nothing is possible now'),
    extensions: { action: action.name, allowed },
  });
}

function invalidInput(action: CompiledAction, problems: FieldProblem[]): HttpProblem {
  const fields = new Set(problems.map((problem) => problem.field ?? problem.pointer));
  return new HttpProblem('INVALID_INPUT', {
    detail: `${fields.size} field${fields.size === 1 ? '' : 's'} of "${action.name}" ${fields.size === 1 ? 'is' : 'are'} invalid`,
    errors: problems,
    extensions: { template: action.name },
  });
}

// A read-only field may be sent back, but only with the value the form gave it.
function readOnlyProblems(
  action: CompiledAction,
  raw: unknown,
  state: unknown,
  context: Context,
): FieldProblem[] {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const readOnly = action.properties.filter(
    (property) => property.readOnly && input[property.name] !== undefined,
  );
  if (readOnly.length === 0) return [];
  const values = action.declaration.options.values?.(state, context) ?? {};
  return readOnly
    .filter((property) => !sameValue(input[property.name], values[property.name] ?? property.value))
    .map((property) => ({
      pointer: `/${property.name}`,
      field: property.name,
      constraint: 'readOnly' as const,
      detail: constraintMessage('readOnly', property),
    }));
}

// Query strings and urlencoded bodies carry strings: "7" is the read-only 7 sent back.
function sameValue(sent: unknown, expected: unknown): boolean {
  const text = (value: unknown) =>
    typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return text(sent) === text(expected);
}

function queryInput(request: Request, owner: CompiledResource): Record<string, unknown> {
  const addressing = new Set(owner.resource.options.query ?? []);
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (!addressing.has(name)) input[name] = value;
  }
  return input;
}
