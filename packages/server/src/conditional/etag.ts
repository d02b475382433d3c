import { digestText } from '../http/digest.js';

/**
 * Entity tags of a resource. A tag is `"<state version>:<representation digest>"`: the state
 * version (the author's `version`, or a digest of the document without templates) says which
 * state a client saw, the digest tells representations apart (HAL, HAL-FORMS, templates a
 * caller may see). `If-None-Match` compares whole tags; `If-Match` compares state versions,
 * since a client that read the HAL-FORMS variant edits the same state as one that read HAL.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3
 */
export function entityTag(stateVersion: string, body: string): string {
  return `"${stateVersion}:${digest(body)}"`;
}

/** The state version of a document: the author's version, or a digest of it without templates. */
export function stateVersionOf(version: string | number | undefined, document: object): string {
  if (version !== undefined) return encodeURIComponent(String(version));
  return digest(
    JSON.stringify(document, (key, value: unknown) => (key === '_templates' ? undefined : value)),
  );
}

/** A short, URL- and header-safe digest. */
export function digest(text: string): string {
  return digestText('sha1', text).slice(0, 16);
}

/** The entity tags of an `If-Match` or `If-None-Match` header; `['*']` for `*`. */
export function parseEntityTags(header: string | undefined): string[] {
  if (header === undefined) return [];
  if (header.trim() === '*') return ['*'];
  return header.match(/(W\/)?"[^"]*"/g) ?? [];
}

/**
 * Whether `If-Match` holds: `*`, or one of its strong tags names the current state version.
 * Weak tags never match, as RFC 9110 §13.1.1 requires.
 */
export function ifMatchHolds(header: string, currentStateVersion: string): boolean {
  return parseEntityTags(header).some(
    (tag) =>
      tag === '*' || (!tag.startsWith('W/') && stateVersionInTag(tag) === currentStateVersion),
  );
}

function stateVersionInTag(tag: string): string {
  const inner = tag.slice(1, -1);
  const colon = inner.lastIndexOf(':');
  return colon === -1 ? inner : inner.slice(0, colon);
}
