import { HAL_JSON, JSON_MEDIA_TYPE } from '@halway/hal';
import { readBody } from '../representations.js';
import type { HttpResult } from './exchange.js';

/**
 * The `Accept` header for an options link: the type the link names first, then JSON and HAL.
 *
 * @see https://rwcbook.github.io/hal-forms/#options-element
 */
export function optionsAccept(type: string | undefined): string {
  const types = [...new Set([type, JSON_MEDIA_TYPE, HAL_JSON].filter(Boolean) as string[])];
  return types.map((entry, index) => (index === 0 ? entry : `${entry};q=0.9`)).join(', ');
}

/**
 * The entries of an option list fetched from an options link: a JSON array (of values or of
 * objects read with `promptField`/`valueField`), an object with an `inline` array, or a HAL
 * collection, whose first embedded list is taken. Anything else yields no entries.
 */
export function readRemoteOptions(result: HttpResult): unknown[] {
  const body = readBody(result.headers.get('content-type'), result.body, result.status);
  if (body.kind !== 'json') return [];
  const { value } = body;
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.inline)) return record.inline;
  const embedded = record._embedded;
  if (typeof embedded === 'object' && embedded !== null) {
    const list = Object.values(embedded).find(Array.isArray);
    if (list) return list;
  }
  return [];
}
