import { ConflictError } from '../errors.js';
import { RESOURCE_ACCEPT, readBody } from '../representations.js';
import type { State } from '../state.js';
import type { PendingSubmission, SendOptions } from '../submission.js';
import type { ResourceType } from '../typing.js';
import { contextOf, type ClientCore, type LoadContext } from './core.js';
import {
  errorInit,
  headerUrl,
  isSafeMethod,
  withoutFragment,
  type HttpResult,
} from './exchange.js';
import { fromBase64 } from './multipart.js';

/**
 * Sends a pending submission and turns the response into the state it led to. A 428 is
 * answered once with the `If-Match` of the source state; a 412 becomes a `ConflictError`
 * carrying the source's fresh state; other errors become `HttpError` or `Problem`.
 */
export async function sendSubmission<T extends ResourceType>(
  core: ClientCore,
  pending: PendingSubmission,
  call: { source: State | undefined; options: SendOptions },
): Promise<State<T>> {
  const { source, options } = call;
  const labels: LoadContext = { template: pending.template };
  const context = { ...contextOf(options), ...labels };
  const unsafe = !isSafeMethod(pending.method);
  const headers = new Headers({ accept: RESOURCE_ACCEPT });
  for (const [name, value] of Object.entries(pending.headers)) headers.set(name, value);
  // The draft defines the header as a structured-field string: the key goes in quotes.
  if (pending.idempotencyKey !== undefined) {
    headers.set('idempotency-key', `"${pending.idempotencyKey}"`);
  }
  if (unsafe && core.preferRepresentation) headers.set('prefer', 'return=representation');
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  const body =
    pending.bodyEncoding === 'base64' && pending.body !== undefined
      ? fromBase64(pending.body)
      : pending.body;
  const send = () =>
    core.transport.send({ method: pending.method, url: pending.url, headers, body }, context);

  let result = await send();
  if (
    result.status === 428 &&
    unsafe &&
    pending.conditional !== false &&
    !headers.has('if-match')
  ) {
    const etag = source?.etag ?? (await reload(core, pending, options))?.etag;
    if (etag !== undefined) {
      headers.set('if-match', etag);
      result = await send();
    }
  }
  if (result.status === 412) {
    const current = await reload(core, pending, options);
    const body = readBody(result.headers.get('content-type'), result.body, result.status);
    throw new ConflictError(
      errorInit(result),
      body.kind === 'problem' ? body.problem : undefined,
      current,
    );
  }
  if (result.status >= 400) throw core.errorFrom(result);
  return resultState<T>(core, result, { options, context: labels });
}

/**
 * The state a successful submission led to. The body is that state when the server says so
 * (`Preference-Applied: return=representation`, a `Content-Location`, a followed redirect, or a
 * document whose `self` is the `Location`), or when there is no `Location` to go to. Otherwise
 * the `Location` is loaded, unless the request said `Prefer: return=minimal` (its sender wants
 * no representation); without one, the state is the (possibly empty) response itself.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-4.2
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.7
 */
async function resultState<T extends ResourceType>(
  core: ClientCore,
  result: HttpResult,
  call: { options: SendOptions; context: LoadContext },
): Promise<State<T>> {
  const requestUrl = result.request.url;
  const location = headerUrl(result.headers, 'location', requestUrl);
  const contentLocation = headerUrl(result.headers, 'content-location', requestUrl);
  const applied = /\breturn=representation\b/i.test(result.headers.get('preference-applied') ?? '');
  const body = readBody(result.headers.get('content-type'), result.body, result.status);
  const isDocument =
    body.kind === 'json' &&
    typeof body.value === 'object' &&
    body.value !== null &&
    !Array.isArray(body.value);
  if (isDocument) {
    // The body describes the resource at Content-Location (or the new one at Location), so its
    // relative links are read against that URL rather than the form's target.
    const base = contentLocation ?? (applied && location ? location : requestUrl);
    const state = core.stateFrom<T>(result, { source: 'submission', base, body });
    if (
      result.redirected ||
      applied ||
      contentLocation !== undefined ||
      location === undefined ||
      state.url === location
    ) {
      if (applied || contentLocation !== undefined) {
        core.emit(withoutFragment(state.url), { type: 'update', state });
      }
      return state;
    }
  }
  const minimal = /\breturn=minimal\b/i.test(result.request.headers.get('prefer') ?? '');
  if (location !== undefined && !minimal) {
    return core.loadState<T>(location, call.options, call.context);
  }
  return core.stateFrom<T>(result, { source: 'submission', body });
}

function reload(
  core: ClientCore,
  pending: PendingSubmission,
  options: SendOptions,
): Promise<State | undefined> {
  return core.loadState(pending.source, { ...options, cache: 'no-cache' }).catch(() => undefined);
}
