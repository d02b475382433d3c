import { JSON_MEDIA_TYPE, type HalDocument } from '@halway/hal';
import type { IncomingRequest } from '../http/incoming.js';
import { digest, entityTag } from '../conditional/etag.js';
import { HttpProblem } from '../errors.js';
import type { Reply } from '../http/reply.js';
import { absoluteDocument } from '../links/absolute.js';
import { linkEmbedded } from '../links/embedded.js';
import { withCuries } from '../links/relations.js';
import { forwardedVary, linkOrigin } from '../links/origin.js';
import { halFormsRepresentation } from '../representations/hal-forms.js';
import { jsonRepresentation } from '../representations/json.js';
import type { Representation } from '../representations/representation.js';
import type { CuriesText } from '../resource/render-text.js';
import { isOptionList, optionListOf } from '../representations/option-list.js';
import {
  negotiateRepresentation,
  negotiateWithoutForms,
  representationMediaTypes,
} from '../representations/registry.js';
import type { ServiceRuntime } from '../resource/runtime.js';

/**
 * A document as a reply in the representation the request prefers, with its ETag; 406 when
 * the request accepts none. `stateVersion` is the version of the state it shows, if any;
 * `renderedWith` the origin its hrefs were already made absolute with, if they were.
 *
 * This is the one place every document built as an object passes (one written as text by
 * `renderBody` is one none of these steps would change), so what holds for all is done here:
 * hrefs are made absolute unless the service keeps them relative (first, so that what is
 * derived from them below is absolute too); embedded resources get a `self` and a link
 * (`linkEmbedded`); documents using the service's own relations get their `curies`; a document
 * with no forms anywhere is plain HAL rather than HAL-FORMS when the client accepts it (an empty
 * `_templates` otherwise, which HAL-FORMS requires); an option list asked for as
 * `application/json` is the plain array HAL-FORMS suggests.
 */
export function documentReply(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  document: HalDocument,
  stateVersion: string | undefined,
  status = 200,
  renderedWith?: string,
): Reply {
  let representation = negotiateRepresentation(request);
  if (!representation) throw notAcceptable();
  const origin = linkOrigin(runtime.links, request);
  let shown =
    origin === undefined || origin === renderedWith ? document : absoluteDocument(document, origin);
  shown = linkEmbedded(shown);
  const { curie } = runtime.links;
  if (curie) shown = withCuries(shown, curie, (origin ?? '') + request.baseUrl);
  if (representation === halFormsRepresentation && !hasForms(shown)) {
    representation = negotiateWithoutForms(request) ?? representation;
    if (representation === halFormsRepresentation) shown = { ...shown, _templates: {} };
  } else if (representation === halFormsRepresentation && shown._templates === undefined) {
    shown = { ...shown, _templates: {} };
  }
  const list =
    representation.mediaType === JSON_MEDIA_TYPE && isOptionList(runtime, request)
      ? optionListOf(shown)
      : undefined;
  const body = list === undefined ? representation.serialize(shown) : JSON.stringify(list);
  return bodyReply(runtime, representation, body, stateVersion, status);
}

/**
 * Whether a request's document may be written as text by `renderBody` and sent with
 * `bodyReply`: its representation (negotiated) is the document as JSON (HAL-FORMS or plain JSON, not an
 * option list). What `documentReply` would change in a document rendered with absolute hrefs
 * and nothing embedded is its `curies` link, which the text gets from `curiesText`.
 */
export function writesText(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  representation: Representation,
): boolean {
  return (
    representation === halFormsRepresentation ||
    (representation === jsonRepresentation && !isOptionList(runtime, request))
  );
}

/** A document's body as a reply in its representation, with its ETag. */
export function bodyReply(
  runtime: ServiceRuntime,
  representation: Representation,
  body: string,
  stateVersion: string | undefined,
  status = 200,
): Reply {
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

// Whether a document, or any resource it embeds, has a form.
function hasForms(document: HalDocument): boolean {
  if (document._templates !== undefined && Object.keys(document._templates).length > 0) return true;
  return Object.values(document._embedded ?? {}).some((value) =>
    (Array.isArray(value) ? value : [value]).some(hasForms),
  );
}

/**
 * The `curies` link `withCuries` gives a document using the service's own relations, as the
 * text `renderBody` writes; undefined for a service without them.
 */
export function curiesText(
  runtime: ServiceRuntime,
  request: IncomingRequest,
  origin: string,
): CuriesText | undefined {
  const { curie } = runtime.links;
  if (curie === undefined) return undefined;
  const href = origin + request.baseUrl + curie.href;
  return { prefix: `${curie.name}:`, curie: { name: curie.name, href, templated: true } };
}
