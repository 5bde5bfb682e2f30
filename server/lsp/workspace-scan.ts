import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { baseName, isDockerfileName, matchesAnyGlob, type StridelintConfig } from '../../rules/engine';
import { isComposeName, isDotenvName, isYamlName } from '../../rules/engine/detect-kind';
import { DEFAULT_IGNORED_DIRECTORIES, isInside } from '../cli/walk';

/**
 * How long the server's thread works on a scan before it yields (yieldToEventLoop): a keystroke's lint waits for
 * two turns of the event loop (LintScheduler), each of which may run a slice first.
 */
export const SCAN_SLICE_MS = 5;

/** Open documents' lints due within a turn or two of the event loop (LintScheduler): work that yields waits for them. */
let keystrokeLintsDue = 0;
/** Turns a yield waits at most for them (a lint is due for two turns; more only while the user keeps typing). */
const MAX_TURNS_FOR_KEYSTROKES = 64;

/** Marks a keystroke's lint as due until the returned function is called (once; later calls do nothing). */
export function keystrokeLintDue(): () => void {
  keystrokeLintsDue++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    keystrokeLintsDue--;
  };
}

/**
 * Lets queued messages (a keystroke, a hover) run before the next slice of work, and the lints of keystrokes
 * read meanwhile: a scan's slices ran between the two turns a keystroke's lint waits (32–45 ms during a
 * 10,000-file scan's listing with 5 ms slices).
 */
export async function yieldToEventLoop(): Promise<void> {
  let turns = 0;
  do await new Promise<void>((resolve) => setImmediate(resolve));
  while (keystrokeLintsDue > 0 && ++turns < MAX_TURNS_FOR_KEYSTROKES);
}

/** Whether a file could be one of stridelint's kinds by its name alone (YAML is decided by content later). */
export function isCandidateFile(path: string, config: StridelintConfig, relativePath: string): boolean {
  const name = baseName(path);
  if (isDockerfileName(name) || name.toLowerCase() === 'daemon.json' || name.toLowerCase() === 'config.json' || isComposeName(name) || isDotenvName(name) || isYamlName(name)) return true;
  return Object.values(config.files).some((globs) => globs !== undefined && matchesAnyGlob(relativePath, globs));
}

/**
 * Lists the files under a folder without blocking the editor for long: folders are read synchronously (one
 * thread-pool round trip per folder left the scan's workers waiting for the listing on a busy machine), and
 * every `sliceMs` the walk yields to the event loop. `.git` and `node_modules` are never entered;
 * symbolic-link loops are skipped; a symbolic link is followed only when its target lies inside the folder (a
 * link to `/` must not make the editor read the whole disk). `listed`: each folder read, with its entries as
 * `readdirSync` gave them, for the scan's other walks of the same tree (KustomizeUnits.useListing).
 */
export async function listFiles(root: string, isExcluded: (path: string, isDirectory: boolean) => boolean, isCancelled: () => boolean, sliceMs = SCAN_SLICE_MS, listed?: Map<string, Dirent[]>): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  let rootReal: string;
  try {
    rootReal = realpathSync.native(root);
  } catch {
    return files;
  }
  // Each folder with its real path: a folder not reached through a link is its parent's real path plus its
  // name, so only links cost a realpath.
  const pending: Array<[string, string]> = [[root, rootReal]];
  let sliceStart = Date.now();
  while (pending.length > 0 && !isCancelled()) {
    const [directory, real] = pending.pop() as [string, string];
    if (visited.has(real)) continue;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are passed over; the CLI reports them
    }
    listed?.set(directory, entries);
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))) {
      const path = `${directory}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let target = `${real}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = statSync(path).isDirectory();
          target = realpathSync.native(path);
          if (!isInside(target, rootReal)) continue;
        } catch {
          continue; // a broken link
        }
      }
      if (isDirectory) {
        if (!DEFAULT_IGNORED_DIRECTORIES.has(entry.name) && !isExcluded(path, true)) pending.push([path, target]);
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
