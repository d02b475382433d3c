import { headerOf, type IncomingRequest } from '../http/incoming.js';
import { ifMatchHolds } from '../conditional/etag.js';
import { HttpProblem } from '../errors.js';
import type { CompiledAction, CompiledResource } from '../resource/compile.js';
import type { RequestContext } from '../resource/context.js';
import { requiresIfMatch } from '../resource/render.js';
import type { ServiceRuntime } from '../resource/runtime.js';
import { currentStateVersion, representationReply } from './read.js';

/**
 * Enforces `If-Match` on an action: 412 with the current ETag when the client's tag names
 * another state, 428 when the action requires the header and it is missing.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-3
 */
export async function checkPreconditions(
  runtime: ServiceRuntime,
  owner: CompiledResource,
  action: CompiledAction,
  state: unknown,
  context: RequestContext<Record<string, string | undefined>>,
  request: IncomingRequest,
  ownerSelf: string,
): Promise<void> {
  const ifMatch = headerOf(request, 'if-match');
  if (ifMatch === undefined) {
    if (requiresIfMatch(action)) {
      throw new HttpProblem('PRECONDITION_REQUIRED', {
        detail: `"${action.name}" changes ${ownerSelf} only for a client that shows, with If-Match, which state it has seen`,
      });
    }
    return;
  }
  if (ifMatchHolds(ifMatch, await currentStateVersion(owner, state, context, ownerSelf))) return;
  const current = await Promise.resolve()
    .then(() => representationReply(runtime, owner, state, context, request, ownerSelf))
    .catch(() => undefined);
  const etag = current?.headers.ETag;
  throw new HttpProblem('PRECONDITION_FAILED', {
    detail: `${ownerSelf} has changed since the client saw it; fetch it again and retry`,
    headers: etag ? { ETag: etag } : {},
    extensions: etag ? { etag } : {},
  });
}
