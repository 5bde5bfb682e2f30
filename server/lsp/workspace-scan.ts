import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { baseName, isDockerfileName, matchesAnyGlob, type StridelintConfig } from '../../rules/engine';
import { isComposeName, isDotenvName, isYamlName } from '../../rules/engine/detect-kind';
import { DEFAULT_IGNORED_DIRECTORIES, isInside } from '../cli/walk';

/** Lets queued messages (a keystroke, a hover) run before the next slice of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether a file could be one of stridelint's kinds by its name alone (YAML is decided by content later). */
export function isCandidateFile(path: string, config: StridelintConfig, relativePath: string): boolean {
  const name = baseName(path);
  if (isDockerfileName(name) || name.toLowerCase() === 'daemon.json' || name.toLowerCase() === 'config.json' || isComposeName(name) || isDotenvName(name) || isYamlName(name)) return true;
  return Object.values(config.files).some((globs) => globs !== undefined && matchesAnyGlob(relativePath, globs));
}

/**
 * Lists the files under a folder without blocking: each folder read is awaited, and every `sliceMs` the walk
 * yields to the event loop. `.git` and `node_modules` are never entered; symbolic-link loops are skipped; a
 * symbolic link is followed only when its target lies inside the folder (a link to `/` must not make the
 * editor read the whole disk).
 */
export async function listFiles(root: string, isExcluded: (path: string, isDirectory: boolean) => boolean, isCancelled: () => boolean, sliceMs = 15): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch {
    return files;
  }
  const pending = [root];
  let sliceStart = Date.now();
  while (pending.length > 0 && !isCancelled()) {
    const directory = pending.pop() as string;
    let entries: Dirent[];
    try {
      const real = await realpath(directory);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are passed over; the CLI reports them
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      const path = `${directory}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = (await stat(path)).isDirectory();
          if (!isInside(await realpath(path), rootReal)) continue;
        } catch {
          continue; // a broken link
        }
      }
      if (isDirectory) {
        if (!DEFAULT_IGNORED_DIRECTORIES.has(entry.name) && !isExcluded(path, true)) pending.push(path);
      } else if (!isExcluded(path, false)) {
        files.push(path);
      }
    }
    if (Date.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
  return files.sort();
}
