export type {
  HalDocument,
  HalEmbedded,
  HalFormsInlineOption,
  HalFormsInputType,
  HalFormsOptions,
  HalFormsOptionsLink,
  HalFormsProperty,
  HalFormsScalar,
  HalFormsIdempotencyKey,
  HalFormsTemplate,
  HalFormsValue,
  HalLink,
  HalLinkHints,
  HalLinks,
} from './types.js';
export {
  FORM_URLENCODED,
  MULTIPART_FORM_DATA,
  HAL_FORMS_JSON,
  HAL_JSON,
  JSON_MEDIA_TYPE,
  PROBLEM_JSON,
  RESOURCE_MEDIA_TYPES,
  isJsonMediaType,
  mediaTypeEssence,
} from './media-types.js';
export { isProblemDocument, type FieldProblem, type ProblemDocument } from './problem.js';
export { HalBuilder, createHalBuilder, type HalEmbeddable, type HalLinkInput } from './builder.js';
export { HalReader, readHal } from './reader.js';
export {
  expandLink,
  filterLinks,
  selectLink,
  type LinkSelector,
  type ResolvedLink,
} from './resolved-link.js';
export { readTemplates, type ResolvedTemplate } from './resolved-template.js';
export {
  expandUriTemplate,
  isUriTemplate,
  uriTemplateVariables,
  type UriTemplateValue,
  type UriTemplateVariables,
} from './uri-template.js';
export { formatLinkHeader, parseLinkHeader, type LinkHeaderEntry } from './link-header.js';
export type { HalFormsHints, JsonSchema } from './forms/json-schema.js';
export { schemaToProperties, withValues } from './forms/schema-to-properties.js';
export { constraintMessage, type FieldError, type FormConstraint } from './forms/constraints.js';
export {
  fieldOptions,
  isBoolean,
  isDateLike,
  isFileLike,
  isMultiValued,
  isNumeric,
  isScalar,
  optionEntries,
  type FieldOption,
  type FileLike,
} from './forms/field-kind.js';
export { compileFieldRegex } from './forms/field-regex.js';
export { INPUT_FORMATS } from './forms/input-formats.js';
export {
  keepsReadOnlyValue,
  validateForm,
  type HasProperties,
  type ValidateFormOptions,
} from './forms/validate.js';
export { coerceFormValues, type RawFormValue } from './forms/coerce.js';
export { encodeForm, type FormRequest } from './forms/encode.js';
