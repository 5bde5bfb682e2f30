import { fileURLToPath, pathToFileURL } from 'node:url';
import { posix } from 'node:path';

/** URIs converted lately: an open and its close ask for the same one several times, and parsing a URL is not free. */
const recentPaths = new Map<string, string>();
const MAX_RECENT_PATHS = 256;

/** A document URI as a path the engine can lint: a file path for `file:` URIs, the URI's own path otherwise. */
export function uriToPath(uri: string): string {
  let path = recentPaths.get(uri);
  if (path === undefined) {
    if (recentPaths.size >= MAX_RECENT_PATHS) recentPaths.clear();
    recentPaths.set(uri, (path = convertUri(uri)));
  }
  return path;
}

function convertUri(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri).replace(/\\/g, '/');
    } catch {
      // fall through: a malformed file URI is linted by its path part
    }
  }
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:/i, '');
  try {
    return decodeURIComponent(withoutScheme.replace(/^\/\/[^/]*/, ''));
  } catch {
    return withoutScheme;
  }
}

export function pathToUri(path: string): string {
  return PLAIN_PATH.test(path) ? `file://${path}` : pathToFileURL(path).href;
}

/**
 * An absolute POSIX path whose URI is `file://` + the path itself: no character a URL escapes (node escapes `~`
 * too), no `.`/`..` segment, empty segment or trailing slash (which pathToFileURL resolves). A workspace scan asks
 * for every file's URI several times; building a URL for each was 5 % of the server thread's profile. Never on
 * Windows, whose paths take a drive letter.
 */
const PLAIN_PATH = process.platform === 'win32' ? /$^/ : /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._+@=,-]+)+$/;

/** `path` relative to `folder` (forward slashes), or undefined when it is outside. */
export function relativeTo(folder: string, path: string): string | undefined {
  // Called for every file of a scan (which folder is it in): no new string unless the answer is one.
  let base = folder.includes('\\') ? folder.replace(/\\/g, '/') : folder;
  if (base.endsWith('/')) base = base.slice(0, -1);
  const file = path.includes('\\') ? path.replace(/\\/g, '/') : path;
  if (file === base) return '';
  return file.length > base.length && file.charCodeAt(base.length) === 0x2f && file.startsWith(base) ? file.slice(base.length + 1) : undefined;
}

/** The folder a path lives in, with forward slashes. */
export function folderOf(path: string): string {
  return posix.dirname(path.includes('\\') ? path.replace(/\\/g, '/') : path);
}
