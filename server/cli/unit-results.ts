import { writeFileSync } from 'node:fs';
import type { Finding } from '../../rules/engine';
import { applyUnitFixes } from '../../rules/engine/units/unit-fixes';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { displayPath } from './walk';

const MAX_FIX_PASSES = 10;

/**
 * `--fix` across a unit's files (a chart, a kustomization): safe fixes applied to every file they edit,
 * written to disk, the unit linted again, up to ten passes, as for single files. Returns the last lint.
 */
export function fixUnit<R>(sources: SourceSet, lint: (sources: SourceSet) => R, findingsOf: (result: R) => ReadonlyMap<string, readonly Finding[]>): R {
  let current = sources;
  let result = lint(current);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const changed = applyUnitFixes(findingsOf(result), (file) => {
      const data = current.files.get(file);
      return typeof data === 'string' ? data : undefined;
    });
    if (changed.size === 0) break;
    for (const [file, text] of changed) writeFileSync(file, text);
    current = { files: new Map([...current.files, ...changed]) };
    result = lint(current);
  }
  return result;
}

/** Related locations and fix targets shown relative to the working folder, like the findings' own paths. */
export function forDisplay(finding: Finding, cwd: string): Finding {
  if (!finding.related && !finding.fixes.some((fix) => fix.edits.some((edit) => edit.path))) return finding;
  return {
    ...finding,
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.path ? { ...edit, path: displayPath(edit.path, cwd) } : edit)) })),
    ...(finding.related ? { related: finding.related.map((entry) => ({ ...entry, path: displayPath(entry.path, cwd) })) } : {}),
  };
}
