const compiled = new Map<string, RegExp | null>();

/**
 * Compiles a HAL-FORMS `regex` the way HTML compiles a `pattern`: anchored at both ends, with the
 * `v` flag where the engine has it. Returns undefined for a pattern that does not compile, which
 * the spec says to ignore.
 *
 * @see https://html.spec.whatwg.org/multipage/input.html#the-pattern-attribute
 */
export function compileFieldRegex(pattern: string): RegExp | undefined {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = tryCompile(pattern, 'v') ?? tryCompile(pattern, 'u');
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex ?? undefined;
}

function tryCompile(pattern: string, flags: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch {
    return null;
  }
}
