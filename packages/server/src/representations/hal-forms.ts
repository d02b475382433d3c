import { HAL_FORMS_JSON } from '@halway/hal';
import type { Representation } from './representation.js';

/**
 * `application/prs.hal-forms+json`: the HAL document with its `_templates`.
 *
 * @see https://rwcbook.github.io/hal-forms/
 */
export const halFormsRepresentation: Representation = {
  mediaType: HAL_FORMS_JSON,
  serialize: (document) => JSON.stringify(document),
};
