import { RESOURCE_MEDIA_TYPES } from '@halway/hal';
import accepts from 'accepts';
import type { IncomingRequest } from '../http/incoming.js';
import { halFormsRepresentation } from './hal-forms.js';
import { halRepresentation } from './hal.js';
import { jsonRepresentation } from './json.js';
import type { Representation } from './representation.js';

/**
 * The representations a resource is served in, in the order of `RESOURCE_MEDIA_TYPES` (the table
 * clients build `Accept` from): a client that accepts anything gets HAL-FORMS, the richest.
 */
export const representations: readonly Representation[] = RESOURCE_MEDIA_TYPES.map((mediaType) => {
  const modules = [halFormsRepresentation, halRepresentation, jsonRepresentation];
  const representation = modules.find((candidate) => candidate.mediaType === mediaType);
  if (!representation) throw new TypeError(`representations: no module serializes ${mediaType}`);
  return representation;
});

/** The media types of {@link representations}, in order. */
export const representationMediaTypes: readonly string[] = representations.map(
  (representation) => representation.mediaType,
);

const byMediaType = new Map(
  representations.map((representation) => [representation.mediaType, representation]),
);
const CACHE_LIMIT = 200;

/**
 * A negotiation among `mediaTypes`, remembered per `Accept` value (clients send the same few;
 * past CACHE_LIMIT values the memory starts again, so odd headers cannot grow it).
 */
function rememberedNegotiation(
  mediaTypes: string[],
): (request: IncomingRequest) => Representation | undefined {
  const negotiated = new Map<string, Representation | null>();
  return (request) => {
    const accept = request.headers.accept ?? '*/*';
    let result = negotiated.get(accept);
    if (result === undefined) {
      const mediaType = accepts(request).type(mediaTypes) as string | false;
      result = (mediaType && byMediaType.get(mediaType)) || null;
      if (negotiated.size >= CACHE_LIMIT) negotiated.clear();
      negotiated.set(accept, result);
    }
    return result ?? undefined;
  };
}

/**
 * The representation that best fits the request's `Accept` header, or undefined when none is
 * acceptable.
 */
export const negotiateRepresentation = rememberedNegotiation([...representationMediaTypes]);

/**
 * The representation for a document without forms: plain HAL (or JSON) when the request
 * accepts either, since HAL-FORMS makes `_templates` required and tells clients to ignore a
 * document without it; undefined when the request accepts HAL-FORMS only.
 */
export const negotiateWithoutForms = rememberedNegotiation([
  halRepresentation.mediaType,
  jsonRepresentation.mediaType,
]);
