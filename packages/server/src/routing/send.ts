import type { HalDocument } from '@halway/hal';
import type { Request, Response } from 'express';
import { HttpProblem } from '../errors.js';
import { negotiateRepresentation, representationMediaTypes } from '../representations/registry.js';

/** Sends a document in the representation the request prefers; 406 when it accepts none. */
export function sendDocument(
  request: Request,
  response: Response,
  document: HalDocument,
  status = 200,
): void {
  response.setHeader('Vary', 'Accept');
  const representation = negotiateRepresentation(request);
  if (!representation) throw notAcceptable();
  response.status(status);
  response.setHeader('Content-Type', `${representation.mediaType}; charset=utf-8`);
  response.send(representation.serialize(document));
}

/** The 406 problem, naming what is available. */
export function notAcceptable(): HttpProblem {
  return new HttpProblem('NOT_ACCEPTABLE', {
    detail: `This resource is available as ${representationMediaTypes.join(', ')}`,
    headers: { Vary: 'Accept' },
    extensions: { available: representationMediaTypes },
  });
}
