import pc from 'picocolors';
import type { CliIo, CliOutput } from '../io.js';

/** The colours the CLI uses; each is the identity when colour is off. */
export type Style = ReturnType<typeof pc.createColors>;

/**
 * Colours for one stream: on for a terminal unless `NO_COLOR` is set (to anything but the empty
 * string) or `--no-color` is given; `FORCE_COLOR` turns them on for a stream that is not a
 * terminal (a test's pseudo-terminal, `less -R`).
 *
 * @see https://no-color.org/
 */
export function createStyle(io: CliIo, stream: CliOutput, noColor: boolean): Style {
  const { NO_COLOR, FORCE_COLOR } = io.env;
  const enabled =
    !noColor &&
    (NO_COLOR === undefined || NO_COLOR === '') &&
    (stream.isTTY || (FORCE_COLOR !== undefined && FORCE_COLOR !== '0'));
  return pc.createColors(enabled);
}

// C0 and C1 controls (ESC starts terminal escape sequences) and the bidirectional overrides that
// can make text read differently from what it is.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A string from a server, made inert for a terminal: control characters (escape sequences
 * included) and bidirectional overrides are shown as `\u{…}` escapes instead of acting.
 */
export function inert(text: string): string {
  return text.replace(UNSAFE, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\t') return '\\t';
    return `\\u{${char.codePointAt(0)!.toString(16)}}`;
  });
}
