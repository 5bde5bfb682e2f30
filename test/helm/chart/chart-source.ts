import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceSet } from '../../../rules/models/helm/source-map';

/**
 * A source set read from a directory on disk, as an adapter would build it (tests only: the engine never reads
 * files). `skip` drops entries by name relative to `dir` (the conformance corpus's expected/, case.json).
 */
export function sourceSetFromDisk(dir: string, prefix = dir, skip: (relative: string) => boolean = () => false): SourceSet {
  const files = new Map<string, string | Uint8Array>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      const full = join(current, entry);
      const relative = full.slice(dir.length + 1);
      if (skip(relative)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.set(`${prefix}/${relative}`, full.endsWith('.tgz') ? new Uint8Array(readFileSync(full)) : readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return { files };
}

/** A source set from literal files. */
export function sourceSet(files: Record<string, string | Uint8Array>): SourceSet {
  return { files: new Map(Object.entries(files)) };
}
