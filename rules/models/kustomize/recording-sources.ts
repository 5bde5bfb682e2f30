import type { SourceSet } from '../helm/source-map';

/**
 * A view of a source set that remembers which files a build read (resources, patches, generator sources,
 * schemas…): the files whose change must re-build it.
 */
export function recordingSources(sources: SourceSet): { sources: SourceSet; read: Set<string> } {
  const read = new Set<string>();
  const files = sources.files;
  const view: ReadonlyMap<string, string | Uint8Array> = {
    get: (key) => {
      const value = files.get(key);
      if (value !== undefined) read.add(key);
      return value;
    },
    has: (key) => files.has(key),
    get size() {
      return files.size;
    },
    keys: () => files.keys(),
    values: () => files.values(),
    entries: () => files.entries(),
    forEach: (callback, thisArg) => files.forEach(callback, thisArg),
    [Symbol.iterator]: () => files[Symbol.iterator](),
  };
  return { sources: { files: view }, read };
}
