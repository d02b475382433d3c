import type { HalDocument } from '@halway/hal';
import type { Request } from 'express';
import { digest, entityTag } from '../conditional/etag.js';
import { HttpProblem } from '../errors.js';
import type { Reply } from '../http/reply.js';
import { absoluteDocument } from '../links/absolute.js';
import { forwardedVary, requestOrigin } from '../links/origin.js';
import { negotiateRepresentation, representationMediaTypes } from '../representations/registry.js';
import type { ServiceRuntime } from '../resource/runtime.js';

/**
 * A document as a reply in the representation the request prefers, with its ETag; 406 when
 * the request accepts none. `stateVersion` is the version of the state it shows, if any. Its
 * hrefs are made absolute here, the one place every document passes, unless the service keeps
 * them relative.
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
  const origin = runtime.links.absolute ? requestOrigin(runtime.links, request) : undefined;
  const body = representation.serialize(
    origin === undefined ? document : absoluteDocument(document, origin),
  );
  const vary = forwardedVary(runtime.links);
  return {
    status,
    headers: {
      'Content-Type': `${representation.mediaType}; charset=utf-8`,
      Vary: vary.length === 0 ? runtime.vary : [runtime.vary, ...vary].join(', '),
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
