import { AbortError, LinkNotFoundError } from './errors.js';
import type { FollowOptions } from './follower.js';
import type { ClientCore } from './internal/core.js';
import { isSafeMethod } from './internal/exchange.js';
import type { Clock, RequestOptions } from './options.js';
import type { State } from './state.js';
import { Submission, clonePending, type PendingSubmission } from './submission.js';
import type { Hop } from './trace.js';

/** A workflow step that follows a relation from the current resource. */
export interface FollowStep extends FollowOptions {
  /** The relation to follow. */
  follow: string;
}

/** A workflow step that submits one of the current resource's templates. */
export interface SubmitStep {
  /** The template's name, or `true` for the default template. */
  submit: string | true;
  /** The values, or a function of the current state that returns them. */
  values?: Record<string, unknown> | ((state: State) => Record<string, unknown>);
  /** `If-Match` for this submission, as in `SubmitOptions.ifMatch`. */
  ifMatch?: boolean | string;
}

/**
 * A workflow step that polls the current resource (conditional GETs: a 304 costs no body) until
 * it has a link or embedded resource of a relation, as a RESTBucks client waits for `receipt`.
 */
export interface WaitStep {
  /** The relation to wait for. */
  waitFor: string;
  /** Milliseconds between polls (default 1000). */
  interval?: number;
  /** The most polls before giving up with a `LinkNotFoundError` (default 60). */
  attempts?: number;
}

/** One step of a workflow. */
export type WorkflowStep = FollowStep | SubmitStep | WaitStep;

/**
 * Where a workflow is, as plain JSON: the current resource, the next step, and a submission
 * that was sent but whose outcome is unknown. Resuming from it repeats no effect: the pending
 * submission is replayed with its `Idempotency-Key`, so the server answers it from its record.
 */
export interface WorkflowCursor {
  /** Format version. */
  version: 1;
  /** The entry URL the workflow started from. */
  entry: string;
  /** URL of the current resource. */
  url: string;
  /** Index of the next step to run. */
  next: number;
  /** The submission of step `next`, saved just before it was sent. */
  pending?: PendingSubmission;
  /** Whether every step has run. */
  done: boolean;
}

/** Options of `HalwayClient.run`. */
export interface RunOptions extends RequestOptions {
  /** A cursor saved by an earlier run, to resume from. */
  cursor?: WorkflowCursor;
  /** Called (and awaited) with every new cursor: before each unsafe submission, after each step. */
  onCursor?: (cursor: WorkflowCursor) => void | Promise<void>;
}

/** What a workflow run ends with. */
export interface WorkflowResult {
  /** The state the last step led to. */
  state: State;
  /** The final cursor (`done: true`). */
  cursor: WorkflowCursor;
  /** Every hop of this run, in order. */
  trace: Hop[];
}

/** What `runWorkflow` needs: the client's core and clock, the workflow and the run's options. */
export interface WorkflowRun {
  /** The client's core. */
  core: ClientCore;
  /** The client's clock, for `waitFor` steps. */
  clock: Clock;
  /** The absolute entry URL. */
  entry: string;
  /** The steps. */
  steps: readonly WorkflowStep[];
  /** The run's options. */
  options: RunOptions;
}

/** Runs (or resumes) a workflow; see `HalwayClient.run`. */
export async function runWorkflow(run: WorkflowRun): Promise<WorkflowResult> {
  const { core, clock, entry, steps, options } = run;
  const trace: Hop[] = [];
  const request: RequestOptions = { ...requestPart(options), onHop: (hop) => trace.push(hop) };
  let cursor =
    options.cursor !== undefined
      ? checkCursor(options.cursor, entry, steps.length)
      : { version: 1 as const, entry, url: entry, next: 0, done: steps.length === 0 };
  const save = async (next: WorkflowCursor) => {
    cursor = next;
    await options.onCursor?.(structuredClone(next));
  };
  const advance = (state: State) =>
    save({
      version: 1,
      entry,
      url: state.url,
      next: cursor.next + 1,
      done: cursor.next + 1 >= steps.length,
    });

  let state: State | undefined;
  if (cursor.pending) {
    state = await new Submission(core, cursor.pending).send(request);
    await advance(state);
  }
  while (cursor.next < steps.length) {
    const step = steps[cursor.next]!;
    state ??= await core.loadState(cursor.url, request);
    if ('follow' in step) {
      // The state in hand answers the follow; a partial embedded one falls back to the server.
      const { follow, ...selector } = step;
      const resource = await core
        .resource(state.url, { snapshot: state })
        .resolve(follow, selector, request);
      state = await resource.get(request);
    } else if ('submit' in step) {
      const name = step.submit === true ? undefined : step.submit;
      const form = await core.resource(state.url, { snapshot: state }).loadForm(name, request);
      const values = typeof step.values === 'function' ? step.values(state) : (step.values ?? {});
      const submission = await form.prepare(values, { ...request, ifMatch: step.ifMatch });
      if (!isSafeMethod(submission.method)) await save({ ...cursor, pending: submission.toJSON() });
      state = await submission.send(request);
    } else if ('waitFor' in step) {
      state = await waitFor(state, step, { core, clock, request });
    } else {
      throw new TypeError(
        `HalwayClient.run(): step ${cursor.next} is not a follow, submit or waitFor step`,
      );
    }
    await advance(state);
  }
  state ??= await core.loadState(cursor.url, request);
  return { state, cursor, trace };
}

async function waitFor(
  state: State,
  step: WaitStep,
  run: { core: ClientCore; clock: Clock; request: RequestOptions },
): Promise<State> {
  const { core, clock, request } = run;
  const attempts = step.attempts ?? 60;
  let current = state;
  for (let poll = 0; !current.has(step.waitFor); poll++) {
    if (poll >= attempts) {
      throw new LinkNotFoundError(step.waitFor, current.url, current.rels());
    }
    try {
      await clock.sleep(step.interval ?? 1000, request.signal);
    } catch (reason) {
      throw new AbortError(current.url, reason);
    }
    current = await core.loadState(current.url, { ...request, cache: 'no-cache' });
  }
  return current;
}

function checkCursor(cursor: WorkflowCursor, entry: string, steps: number): WorkflowCursor {
  const ok =
    typeof cursor === 'object' &&
    cursor !== null &&
    cursor.version === 1 &&
    typeof cursor.url === 'string' &&
    Number.isInteger(cursor.next) &&
    cursor.next >= 0 &&
    cursor.next <= steps;
  if (!ok) throw new TypeError('HalwayClient.run(): the cursor is not a workflow cursor');
  if (cursor.entry !== entry) {
    throw new TypeError(
      'HalwayClient.run(): the cursor belongs to a workflow with another entry URL',
    );
  }
  const copy: WorkflowCursor = { ...cursor };
  if (cursor.pending) copy.pending = clonePending(cursor.pending, 'HalwayClient.run()');
  return copy;
}

function requestPart(options: RunOptions): RequestOptions {
  const request: RequestOptions = {};
  if (options.signal) request.signal = options.signal;
  if (options.timeout !== undefined) request.timeout = options.timeout;
  if (options.headers) request.headers = options.headers;
  return request;
}
