import type { HalDocument } from '@halway/hal';

/**
 * One media type a resource can be represented in. The server negotiates with the registry of
 * these, and the client builds its `Accept` header from the same media types.
 */
export interface Representation {
  /** The media type, as sent in `Content-Type`. */
  mediaType: string;
  /** Turns a resource's document into the response body. */
  serialize(document: HalDocument): string;
}
