/**
 * A string matching a simple regular expression, or undefined when the pattern uses more than
 * this knows: anchors, literals, escapes (`\d`, `\w`, `\s`), character classes, `.` and the
 * quantifiers `?`, `*`, `+`, `{n}`, `{n,m}`. Groups and alternation are given up on; the caller
 * then tries other candidates. The result is always checked against the pattern by the caller.
 */
export function sampleFromRegex(pattern: string): string | undefined {
  let out = '';
  let index = 0;
  const atom = (): string | undefined => {
    const char = pattern[index++];
    if (char === undefined) return undefined;
    if (char === '\\') {
      const escaped = pattern[index++];
      if (escaped === 'd') return '4';
      if (escaped === 'w') return 'a';
      if (escaped === 's') return ' ';
      return escaped;
    }
    if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end === -1) return undefined;
      const body = pattern.slice(index, end);
      index = end + 1;
      if (body.startsWith('^')) return body.includes('a') ? 'z' : 'a';
      return body.startsWith('\\d') ? '4' : body[0] === '\\' ? body[1] : body[0];
    }
    if (char === '.') return 'a';
    if ('()|'.includes(char)) return undefined;
    return char;
  };
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '^' || char === '$') {
      index++;
      continue;
    }
    const piece = atom();
    if (piece === undefined) return undefined;
    let count = 1;
    const quantifier = pattern[index];
    if (quantifier === '?' || quantifier === '*') {
      count = 0;
      index++;
    } else if (quantifier === '+') index++;
    else if (quantifier === '{') {
      const match = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(index));
      if (!match) return undefined;
      count = Number(match[1]);
      index += match[0].length;
    }
    out += piece.repeat(count);
  }
  return out;
}
