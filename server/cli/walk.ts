import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';

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

/**
 * Lists the files under the given paths, depth first and sorted, following symbolic links once
 * (a loop is detected by real path and skipped). Unreadable entries are reported, not fatal.
 */
export function walk(roots: string[], isIgnored: (path: string, isDirectory: boolean) => boolean): WalkResult {
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const visitedDirectories = new Set<string>();

  const visitDirectory = (directory: string): void => {
    let real: string;
    try {
      real = realpathSync(directory);
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
      }
      if (isDirectory) {
        if (DEFAULT_IGNORED_DIRECTORIES.has(entry.name) || isIgnored(path, true)) continue;
        visitDirectory(path);
      } else if (isFile && !isIgnored(path, false)) {
        files.push(path);
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
    if (stats.isDirectory()) visitDirectory(root);
    else files.push(root);
  }
  return { files, problems };
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ELOOP') return 'symbolic link loop';
  return error instanceof Error ? error.message : String(error);
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith('..') ? rel : file).replace(/\\/g, '/');
}
