import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Folders never descended into. */
export const DEFAULT_IGNORED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkResult {
  files: string[];
  problems: WalkProblem[];
}

export interface WalkOptions {
  /**
   * Follow symbolic links to folders (`--follow-symlinks`). Off by default, as git and ripgrep do: a link to `/`
   * in a repository would otherwise walk the whole disk and lint files that are not the repository's.
   */
  followSymlinks?: boolean;
  /** Told once, while the walk goes on, when it has found `count` files that `counts` (all by default). */
  manyFiles?: { count: number; counts?(path: string): boolean; found(): void };
}

/**
 * Lists the files under the given paths, depth first and sorted. Symbolic links to folders are not followed
 * unless asked (then once: a loop is detected by real path and skipped); a link to a file is read only when its
 * target lies inside the walked root, unless links are followed. What is skipped is said, never silently.
 * Unreadable entries are reported, not fatal.
 */
export function walk(roots: string[], isIgnored: (path: string, isDirectory: boolean) => boolean, options: WalkOptions = {}): WalkResult {
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const visitedDirectories = new Set<string>();
  let rootReal = '';
  const many = options.manyFiles && { count: options.manyFiles.count, counts: options.manyFiles.counts };

  // `knownReal`: the real path when the caller knows it (a plain folder inside a folder whose real path is
  // known), which spares a realpath call per folder; links are resolved.
  const visitDirectory = (directory: string, knownReal?: string): void => {
    let real: string;
    try {
      real = knownReal ?? realpathSync(directory);
    } catch (error) {
      problems.push({ path: directory, message: describe(error) });
      return;
    }
    if (visitedDirectories.has(real)) {
      problems.push({ path: directory, message: 'symbolic link loop (folder already visited); skipped' });
      return;
    }
    visitedDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: directory, message: describe(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          problems.push({ path, message: `broken symbolic link (${describe(error)})` });
          continue;
        }
        if (isDirectory && !options.followSymlinks) {
          if (!DEFAULT_IGNORED_DIRECTORIES.has(entry.name) && !isIgnored(path, true)) problems.push({ path, message: 'symbolic link to a folder; not followed (--follow-symlinks follows it)' });
          continue;
        }
        if (isFile && !options.followSymlinks && !isInside(safeRealpath(path), rootReal)) {
          if (!isIgnored(path, false)) problems.push({ path, message: 'symbolic link to a file outside the linted folder; not read (--follow-symlinks reads it)' });
          continue;
        }
      }
      if (isDirectory) {
        if (DEFAULT_IGNORED_DIRECTORIES.has(entry.name) || isIgnored(path, true)) continue;
        visitDirectory(path, entry.isSymbolicLink() ? undefined : join(real, entry.name));
      } else if (isFile && !isIgnored(path, false)) {
        files.push(path);
        if (many && many.count > 0 && (!many.counts || many.counts(path)) && --many.count === 0) options.manyFiles?.found();
      }
    }
  };

  for (const root of roots) {
    let stats;
    try {
      stats = statSync(root);
    } catch (error) {
      problems.push({ path: root, message: describe(error) });
      continue;
    }
    // A path named on the command line is the user's choice: it is read even when it is a link.
    if (stats.isDirectory()) {
      rootReal = safeRealpath(root);
      visitDirectory(root);
    } else files.push(root);
  }
  return { files, problems };
}

/** Whether `path` is `root` or lies below it (both real paths). */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}

export function displayPath(file: string, cwd: string): string {
  // Already shown (relative): kept, so that showing a path twice changes nothing.
  if (!isAbsolute(file)) return file.replace(/\\/g, '/');
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith('..') ? rel : file).replace(/\\/g, '/');
}
