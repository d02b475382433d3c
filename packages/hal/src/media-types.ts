/** `application/hal+json`. @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11 */
export const HAL_JSON = 'application/hal+json';

/** `application/prs.hal-forms+json`: HAL plus `_templates`. @see https://rwcbook.github.io/hal-forms/ */
export const HAL_FORMS_JSON = 'application/prs.hal-forms+json';

/** `application/problem+json`. @see https://www.rfc-editor.org/rfc/rfc9457 */
export const PROBLEM_JSON = 'application/problem+json';

/** `application/json`. */
export const JSON_MEDIA_TYPE = 'application/json';

/** `application/x-www-form-urlencoded`. */
export const FORM_URLENCODED = 'application/x-www-form-urlencoded';

/** `multipart/form-data`, for forms that upload files. @see https://www.rfc-editor.org/rfc/rfc7578 */
export const MULTIPART_FORM_DATA = 'multipart/form-data';

/**
 * The media types resources are represented in, richest first. Servers negotiate in this order
 * of preference and clients build their `Accept` header from it: one table for both sides.
 */
export const RESOURCE_MEDIA_TYPES: readonly string[] = [HAL_FORMS_JSON, HAL_JSON, JSON_MEDIA_TYPE];

/** Whether a `Content-Type` value names JSON (`application/json` or any `+json` type). */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return essence === JSON_MEDIA_TYPE || /^[a-z]+\/[^\s;]+\+json$/.test(essence);
}

/** The media type of a `Content-Type` value, lower-cased and without parameters. */
export function mediaTypeEssence(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}
