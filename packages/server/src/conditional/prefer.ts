/** What a client asked for with `Prefer: return=…`. */
export type ReturnPreference = 'representation' | 'minimal' | undefined;

/**
 * The `return` preference of a `Prefer` header (several headers or comma-separated
 * preferences allowed; the first `return` wins).
 *
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-4.2
 */
export function returnPreference(header: string | string[] | undefined): ReturnPreference {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const preference of values.flatMap((value) => value.split(','))) {
    const match = /^\s*return\s*=\s*"?(representation|minimal)"?\s*(;.*)?$/i.exec(preference);
    if (match) return match[1]!.toLowerCase() as ReturnPreference;
  }
  return undefined;
}
