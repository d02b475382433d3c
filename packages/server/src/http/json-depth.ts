import { HttpProblem } from '../errors.js';

/**
 * How deeply a JSON body may nest objects and arrays. Form input is a few levels deep at most;
 * the bound keeps every recursive step after parsing (the reviver, copying, validation) far
 * from the stack's limit, whatever a client sends.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Throws a 400 problem when the JSON text in `body` nests deeper than `limit`. It reads the
 * bytes once, before anything parses them, so no depth can reach a recursive step.
 */
export function checkJsonDepth(body: Uint8Array, limit = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit)
        throw new HttpProblem('MALFORMED_BODY', {
          detail: `The JSON body nests deeper than ${limit} levels`,
        });
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
}
