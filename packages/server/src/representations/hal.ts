import { HAL_JSON } from '@halway/hal';
import type { Representation } from './representation.js';

/**
 * `application/hal+json`: the HAL document without `_templates`, which plain HAL does not
 * define. `_templates` is reserved at every level, so it is dropped wherever it appears.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11
 */
export const halRepresentation: Representation = {
  mediaType: HAL_JSON,
  serialize: (document) =>
    JSON.stringify(document, (key, value: unknown) => (key === '_templates' ? undefined : value)),
};
