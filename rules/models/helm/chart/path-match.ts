/**
 * The two pattern languages Helm uses on chart paths, written as regular expressions built once per pattern:
 * - Go's `filepath.Match` (`.helmignore`, `--show-only`): `*` and `?` never cross `/`, `[a-z]`/`[^a-z]`
 *   classes, `\` escapes; a malformed pattern matches nothing.
 * - gobwas/glob with `/` as separator (`.Files.Glob`): the same plus `**` (any characters, `/` included) and
 *   `{a,b}` alternatives.
 */
const goMatchCache = new Map<string, RegExp | null>();
const globCache = new Map<string, RegExp | null>();

/** Go's `filepath.Match(pattern, name)` on `/`-separated paths. */
export function goPathMatch(pattern: string, name: string): boolean {
  let regexp = goMatchCache.get(pattern);
  if (regexp === undefined) {
    regexp = compile(pattern, false);
    goMatchCache.set(pattern, regexp);
  }
  return regexp !== null && regexp.test(name);
}

/** `.Files.Glob`'s matcher (gobwas/glob, separator `/`). */
export function filesGlobMatch(pattern: string, name: string): boolean {
  let regexp = globCache.get(pattern);
  if (regexp === undefined) {
    regexp = compile(pattern, true);
    globCache.set(pattern, regexp);
  }
  return regexp !== null && regexp.test(name);
}

function compile(pattern: string, extended: boolean): RegExp | null {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (extended && pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return null;
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^') || (extended && body.startsWith('!'));
      if (negated) body = body.slice(1);
      if (body === '') return null;
      source += `[${negated ? '^/' : ''}${body.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&')}]`;
      i = close;
    } else if (char === '\\') {
      if (i + 1 >= pattern.length) return null;
      source += escape(pattern[++i]);
    } else if (extended && char === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) return null;
      const options = pattern.slice(i + 1, close).split(',').map((option) => compile(option, true)?.source.slice(1, -1) ?? escape(option));
      source += `(?:${options.join('|')})`;
      i = close;
    } else {
      source += escape(char);
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function escape(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
