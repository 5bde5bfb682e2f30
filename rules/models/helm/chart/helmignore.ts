import { goPathMatch } from './path-match';

/**
 * `.helmignore` as Helm's loader reads it (pkg/ignore): one `filepath.Match` pattern a line, `#` comments,
 * `!` negation, a trailing `/` for directories only, a pattern with a `/` matched against the whole relative
 * path and one without against the base name. `**` is not supported by Helm (the line is an error there; here
 * it is skipped). Helm always adds `templates/.?*` (hidden files under templates/).
 */
interface IgnoreRule {
  pattern: string;
  negate: boolean;
  directoryOnly: boolean;
  wholePath: boolean;
}

export class HelmIgnore {
  private readonly rules: IgnoreRule[] = [];

  constructor(text: string | undefined) {
    for (const line of (text ?? '').replace(/^\uFEFF/, '').split(/\r?\n/)) this.add(line);
    this.add('templates/.?*');
  }

  private add(line: string): void {
    let pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#') || pattern.includes('**')) return;
    const negate = pattern.startsWith('!');
    if (negate) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    const wholePath = pattern.includes('/');
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    this.rules.push({ pattern, negate, directoryOnly, wholePath });
  }

  /** Whether Helm skips `relativePath` (a file, or any of its parent directories). */
  ignoresFile(relativePath: string): boolean {
    const parts = relativePath.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      if (this.ignores(parts.slice(0, depth).join('/'), true)) return true;
    }
    return this.ignores(relativePath, false);
  }

  /** Helm's `Rules.Ignore`, including its negation quirk (a `!` rule that does not match ignores the path). */
  private ignores(path: string, isDirectory: boolean): boolean {
    for (const rule of this.rules) {
      const name = rule.wholePath ? path : path.slice(path.lastIndexOf('/') + 1);
      if (rule.negate) {
        if (rule.directoryOnly && !isDirectory) return true;
        if (!goPathMatch(rule.pattern, name)) return true;
        continue;
      }
      if (rule.directoryOnly && !isDirectory) continue;
      if (goPathMatch(rule.pattern, name)) return true;
    }
    return false;
  }
}
