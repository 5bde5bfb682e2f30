/**
 * The folders a read listed (readTree's `folders`), so that a path asked for again need not be asked of the disk:
 * a folder read whole already, or a name its listed folder does not have. It answers only where the file system's
 * rules cannot change the answer: names are compared ignoring ASCII case, and a folder with a name outside ASCII
 * is not answered for (a case- or normalisation-insensitive file system may match a name that differs).
 */
export class ListedFolders {
  /** Each folder listed: the lower-case names of its entries (undefined: a name outside ASCII). */
  private readonly names = new Map<string, ReadonlySet<string> | undefined>();
  /** Folders read with everything below them (by a tree read that `maxFiles` did not stop). */
  private readonly whole = new Set<string>();

  /** Runs a tree read (`readTree` given the map to fill) and keeps what it listed. */
  record(read: (folders: Map<string, readonly string[]>) => boolean): void {
    const folders = new Map<string, readonly string[]>();
    const complete = read(folders);
    for (const [folder, entries] of folders) {
      this.names.set(folder, entries.every(isAscii) ? new Set(entries.map((name) => name.toLowerCase())) : undefined);
      if (complete) this.whole.add(folder);
    }
  }

  /** True when `path` is a folder read whole already. */
  readWhole(path: string): boolean {
    return this.whole.has(path);
  }

  /** True when `path`'s folder was listed and has no entry of that name. */
  lacks(path: string): boolean {
    const slash = path.lastIndexOf('/');
    const names = this.names.get(path.slice(0, slash));
    const name = path.slice(slash + 1);
    return names !== undefined && name !== '' && name !== '.' && name !== '..' && isAscii(name) && !names.has(name.toLowerCase());
  }

  /** True when `folder` was listed (it existed when read). */
  listed(folder: string): boolean {
    return this.names.has(folder);
  }
}

const isAscii = (name: string): boolean => /^[\x00-\x7f]*$/.test(name);
