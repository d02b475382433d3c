import { PROBLEM_JSON, RESOURCE_MEDIA_TYPES } from '@halway/hal';
import type { Request } from 'express';

// HTML is listed last: when a client rates HTML no higher than JSON (`*/*`, or no Accept at all),
// the JSON types win the tie and the request goes on to the resource.
const CANDIDATES = [...RESOURCE_MEDIA_TYPES, PROBLEM_JSON, 'text/html'];

/** Whether a request prefers HTML to every JSON type a Halway service answers with: a browser. */
export function prefersHtml(request: Request): boolean {
  if (request.headers.accept === undefined) return false;
  return request.accepts(CANDIDATES) === 'text/html';
}
