import { relativeTo, uriToPath } from './paths';

export interface Folder {
  uri: string;
  path: string;
}

const toFolder = (uri: string): Folder => ({ uri, path: uriToPath(uri) });

/** The workspace folders the client opened; a file belongs to the innermost folder holding it. */
export class WorkspaceFolders {
  private folders: Folder[] = [];

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The folders named at initialisation (only `file:` folders can be scanned). */
  set(uris: readonly string[]): void {
    this.folders = uris.filter((uri) => uri.startsWith('file:')).map(toFolder);
  }

  change(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.folders = this.folders.filter((folder) => !gone.has(folder.uri)).concat(added.map(toFolder));
  }

  folderFor(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (relativeTo(folder.path, path) !== undefined && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }
}
