/**
 * Which origins a crawl may request: exact origins (`https://orders.example`) or globs where `*`
 * stands for any run of characters but `/` (`http://127.0.0.1:*`). With no pattern given, every
 * port of the entry URL's host and scheme is allowed, which is how services of one deployment
 * usually sit; anything else must be named.
 *
 * @example
 * const allowed = originAllowlist('http://localhost:4001/', ['https://pay.example']);
 * allowed('https://pay.example/x'); // true
 */
export function originAllowlist(
  entry: string,
  patterns: readonly string[] = [],
): (url: string) => boolean {
  const start = new URL(entry);
  const compiled = (patterns.length > 0 ? patterns : [`${start.protocol}//${start.hostname}:*`])
    .map((pattern) => pattern.replace(/\/+$/, ''))
    .map(
      (pattern) =>
        new RegExp(
          `^${pattern
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*')}$`,
        ),
    );
  const entryOrigin = start.origin;
  return (url) => {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return false;
    }
    if (origin === 'null') return false;
    // A default port is left out of an origin; a pattern with `:*` should still match it.
    const withPort = /:\d+$/.test(origin)
      ? origin
      : `${origin}:${new URL(url).protocol === 'https:' ? 443 : 80}`;
    return (
      origin === entryOrigin ||
      compiled.some((pattern) => pattern.test(origin) || pattern.test(withPort))
    );
  };
}
