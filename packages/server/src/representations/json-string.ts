// The characters JSON.stringify escapes in a string: the quote, the backslash, controls, and
// (as well-formed JSON.stringify does) lone surrogates; any surrogate sends the string there.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON text, exactly as `JSON.stringify` writes it, without its call for most. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Whether strings need no escaping as JSON: written in quotes as they are, they are what
 * `JSON.stringify` writes. For many short strings, one test of them all joined costs less
 * than one test each.
 */
export function needsNoEscape(text: string): boolean {
  return !NEEDS_ESCAPE.test(text);
}
