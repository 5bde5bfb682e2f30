/**
 * A small glob matcher for `ignore` and `overrides.files` patterns (gitignore-like):
 * `*` and `?` stay inside one path segment, `**` crosses segments, `{a,b}` alternates.
 * A pattern without a slash matches the base name at any depth, as in .gitignore.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let glob = pattern.replace(/\\/g, '/');
  const anchored = glob.includes('/') && !glob.startsWith('**/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  if (glob.endsWith('/')) glob += '**';
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const followedBySlash = glob[i + 2] === '/';
        source += followedBySlash ? '(?:.*/)?' : '.*';
        i += followedBySlash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) {
        source += '\\{';
        continue;
      }
      const options = glob.slice(i + 1, close).split(',').map((part) => part.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'));
      source += `(?:${options.join('|')})`;
      i = close;
    } else {
      source += char.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
    }
  }
  // A directory pattern also matches everything below it.
  const regexp = new RegExp(`${anchored ? '^' : '(?:^|/)'}${source}(?:/.*)?$`);
  cache.set(pattern, regexp);
  return regexp;
}

/** `relativePath` uses forward slashes and is relative to the folder the pattern belongs to. */
export function matchesGlob(relativePath: string, pattern: string): boolean {
  return globToRegExp(pattern).test(relativePath.replace(/\\/g, '/').replace(/^\.\//, ''));
}

export function matchesAnyGlob(relativePath: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesGlob(relativePath, pattern));
}
