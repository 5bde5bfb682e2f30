/**
 * Files inside a packed subchart have no path of their own: the Helm renderer names them
 * `<archive>.tgz!/<entry>` (`charts/db-1.2.0.tgz!/db/templates/x.yaml`; an archive packed inside another
 * nests the notation). Nothing inside an archive can be edited in place, and only the outermost archive is a
 * file that tools and editors can open.
 */
const SEPARATOR = '.tgz!/';

/** The outermost archive (a real file) and the entry inside it, or undefined for a path outside any archive. */
export function splitArchivePath(path: string): { archive: string; entry: string } | undefined {
  const at = path.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  return { archive: path.slice(0, at + SEPARATOR.length - 2), entry: path.slice(at + SEPARATOR.length) };
}

export function isArchivePath(path: string): boolean {
  return path.includes(SEPARATOR);
}
