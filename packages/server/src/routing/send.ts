import type { HalDocument } from '@halway/hal';
import type { Request } from 'express';
import { digest, entityTag } from '../conditional/etag.js';
import { HttpProblem } from '../errors.js';
import type { Reply } from '../http/reply.js';
import { negotiateRepresentation, representationMediaTypes } from '../representations/registry.js';
import type { ServiceRuntime } from '../resource/runtime.js';

/**
 * A document as a reply in the representation the request prefers, with its ETag; 406 when
 * the request accepts none. `stateVersion` is the version of the state it shows, if any.
 */
export function documentReply(
  runtime: ServiceRuntime,
  request: Request,
  document: HalDocument,
  stateVersion: string | undefined,
  status = 200,
): Reply {
  const representation = negotiateRepresentation(request);
  if (!representation) throw notAcceptable();
  const body = representation.serialize(document);
  return {
    status,
    headers: {
      'Content-Type': `${representation.mediaType}; charset=utf-8`,
      Vary: runtime.vary,
      ETag: stateVersion === undefined ? `"${digest(body)}"` : entityTag(stateVersion, body),
    },
    body,
  };
}

/** The 406 problem, naming what is available. */
export function notAcceptable(): HttpProblem {
  return new HttpProblem('NOT_ACCEPTABLE', {
    detail: `This resource is available as ${representationMediaTypes.join(', ')}`,
    headers: { Vary: 'Accept' },
    extensions: { available: representationMediaTypes },
  });
}
