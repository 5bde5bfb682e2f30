import { readdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';

/** Folders never read into a source set. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn']);

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * Reads every file under `root` into `into` (text as string, `.tgz` as bytes), for a unit's source set:
 * files over `maxBytes` are left out, and at most `maxFiles` are read (a runaway folder is not a unit).
 * `listed` gets every folder listed and every file entry met (read or not), for a stat stamp of the set;
 * `statted` the stats of each file read, taken just before its bytes were read (its stamp needs no second stat: a
 * change after them moves ctime, so the file is read again next time). `folders` gets each folder listed and the
 * names of its entries (every kind). Only `statSync` and `readFileSync` of the
 * path: the CLI's run recorder knows those (an `openSync` for reading would spoil its record, run-recorder.ts).
 * False when `maxFiles` stopped the read before every folder below `root` was listed.
 */
export function readTree(
  root: string,
  limits: { maxBytes: number; maxFiles: number },
  into: Map<string, string | Uint8Array>,
  listed?: string[],
  statted?: Map<string, BigIntStats>,
  folders?: Map<string, readonly string[]>,
): boolean {
  const stack = [root];
  let count = 0;
  while (stack.length > 0 && count < limits.maxFiles) {
    const directory = stack.pop() as string;
    listed?.push(toPosix(directory));
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: the builder or loader reports what is missing
    }
    folders?.set(toPosix(directory), entries.map((entry) => entry.name));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) stack.push(path);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const key = toPosix(path);
      listed?.push(key);
      if (into.has(key)) continue;
      try {
        const stats = statted ? statSync(path, { bigint: true }) : undefined;
        if (Number(stats ? stats.size : statSync(path).size) > limits.maxBytes) continue;
        // A text is decoded as it is read: no Buffer of its bytes on the heap first.
        into.set(key, /\.tgz$/i.test(entry.name) ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8'));
        if (stats) statted?.set(key, stats);
        count++;
      } catch {
        // unreadable file: left out of the set
      }
    }
  }
  return stack.length === 0;
}
