import { JSON_MEDIA_TYPE } from '@halway/hal';
import type { Representation } from './representation.js';

/** `application/json`: the full document (links, embedded resources and templates) as plain JSON. */
export const jsonRepresentation: Representation = {
  mediaType: JSON_MEDIA_TYPE,
  serialize: (document) => JSON.stringify(document),
};
