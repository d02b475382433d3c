import {
  PROBLEM_JSON,
  RESOURCE_MEDIA_TYPES,
  isJsonMediaType,
  isProblemDocument,
  mediaTypeEssence,
  type ProblemDocument,
} from '@halway/hal';

/** One media type the client reads resources in, and how much it prefers it. */
export interface Representation {
  /** The media type. */
  mediaType: string;
  /** Its `q` weight in `Accept` (1 is best). */
  quality: number;
}

/**
 * The media types the client reads, richest first: HAL-FORMS (HAL plus templates), HAL, then
 * plain JSON. `Accept` is built from this table and nowhere else.
 *
 * @see https://rwcbook.github.io/hal-forms/
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11
 */
export const representations: readonly Representation[] = RESOURCE_MEDIA_TYPES.map(
  (mediaType, index) => ({
    mediaType,
    quality: Math.round((1 - index / 10) * 10) / 10,
  }),
);

/**
 * Formats an `Accept` header from a table of representations.
 *
 * @example acceptHeader() // 'application/prs.hal-forms+json, application/hal+json;q=0.9, application/json;q=0.8'
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
export function acceptHeader(table: readonly Representation[] = representations): string {
  return table
    .map(({ mediaType, quality }) => (quality >= 1 ? mediaType : `${mediaType};q=${quality}`))
    .join(', ');
}

/** The `Accept` header every resource request carries. */
export const RESOURCE_ACCEPT = acceptHeader();

/** A response body read by media type: parsed JSON, a problem, or nothing usable. */
export type ReadBody =
  | { kind: 'problem'; problem: ProblemDocument }
  | { kind: 'json'; value: unknown }
  | { kind: 'other' };

/**
 * Reads a response body by its `Content-Type`: JSON and `+json` types are parsed, and a problem
 * document is recognised by `application/problem+json` (or by its shape on an error status).
 */
export function readBody(contentType: string | null, body: string, status: number): ReadBody {
  if (!isJsonMediaType(contentType) || body.trim() === '') return { kind: 'other' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'other' };
  }
  const problemType = mediaTypeEssence(contentType) === PROBLEM_JSON;
  if ((problemType || status >= 400) && isProblemDocument(value)) {
    return { kind: 'problem', problem: value };
  }
  return { kind: 'json', value };
}
