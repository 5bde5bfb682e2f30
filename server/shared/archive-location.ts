import { splitArchivePath, type Finding, type Range } from '../../rules/engine';

/**
 * How the output formats show a place inside a packed subchart (`charts/db-1.2.0.tgz!/db/templates/x.yaml`,
 * see rules/engine/chart/archive-path.ts): only the archive is a file that CI services and editors know, so
 * they get the archive, and the entry and line are said in words. No fix is ever offered into an archive.
 */
export interface ArchiveLocation {
  /** The archive file (as displayed). */
  archive: string;
  /** The entry inside it, `db/templates/x.yaml`. */
  entry: string;
  /** `inside the archive charts/db-1.2.0.tgz, at db/templates/x.yaml:4:9; it cannot be edited in place`. */
  note: string;
}

export function archiveLocation(path: string, range: Range): ArchiveLocation | undefined {
  const inside = splitArchivePath(path);
  if (!inside) return undefined;
  const where = `${inside.entry}:${range.start.line + 1}:${range.start.character + 1}`;
  return { ...inside, note: `inside the archive ${inside.archive}, at ${where}; it cannot be edited in place` };
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * For an editor, which can open the archive but not an entry of it: findings of archive entries move to the
 * archive file (at its start, the entry and line in the message), related places inside archives likewise.
 */
export function findingsOnArchives(findings: ReadonlyMap<string, Finding[]>): Map<string, Finding[]> {
  const placed = new Map<string, Finding[]>();
  for (const [file, list] of findings) {
    const archive = archiveLocation(file, FILE_START);
    const target = archive?.archive ?? file;
    const moved = list.map((finding) => {
      const here = archiveLocation(file, finding.range);
      const related = finding.related?.map((entry) => {
        const inside = archiveLocation(entry.path, entry.range);
        return inside ? { path: inside.archive, range: FILE_START, message: `${entry.message} (${inside.note})` } : entry;
      });
      return { ...finding, ...(here ? { range: FILE_START, message: `${finding.message} (${here.note})` } : {}), ...(related ? { related } : {}) };
    });
    placed.set(target, [...(placed.get(target) ?? []), ...moved]);
  }
  return placed;
}
