import { writeFileSync } from 'node:fs';
import { isValuesFileCopy, type Finding } from '../../rules/engine';
import { applyUnitFixes } from '../../rules/engine/units/unit-fixes';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { displayPath } from './walk';

const MAX_FIX_PASSES = 10;

/**
 * `--fix` across a unit's files (a chart, a kustomization): safe fixes (and suggestions with `suggestions`)
 * applied to every file they edit, the unit linted again, up to ten passes, as for single files: fixes whose
 * edits overlap wait for the next pass. A pass whose fixes together make the unit fail to render or build is
 * retried one fix at a time, and given up if that fails too. Files are written once at the end, so that a pass
 * given up on never reaches the disk. Returns the last lint.
 */
export function fixUnit<R>(sources: SourceSet, lint: (sources: SourceSet) => R, findingsOf: (result: R) => ReadonlyMap<string, readonly Finding[]>, options: { suggestions?: boolean } = {}): R {
  const safeOnly = !options.suggestions;
  let current = sources;
  let result = lint(current);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const texts = current;
    const textOf = (file: string) => {
      const data = texts.files.get(file);
      return typeof data === 'string' ? data : undefined;
    };
    let changed = applyUnitFixes(findingsOf(result), textOf, { safeOnly });
    if (changed.size === 0) break;
    let next: SourceSet = { files: new Map([...current.files, ...changed]) };
    let nextResult = lint(next);
    if (notAnalysed(findingsOf(nextResult)) > notAnalysed(findingsOf(result))) {
      changed = applyUnitFixes(findingsOf(result), textOf, { safeOnly, limit: 1 });
      next = { files: new Map([...current.files, ...changed]) };
      nextResult = lint(next);
      if (notAnalysed(findingsOf(nextResult)) > notAnalysed(findingsOf(result))) break;
    }
    current = next;
    result = nextResult;
  }
  for (const [file, text] of current.files) {
    if (typeof text === 'string' && text !== sources.files.get(file)) writeFileSync(file, text);
  }
  return result;
}

/** The unit's not-analysed findings, each counted once (a fix must never add one). */
function notAnalysed(findings: ReadonlyMap<string, readonly Finding[]>): number {
  let count = 0;
  for (const [, list] of findings) count += list.filter((finding) => finding.ruleId === 'stridelint/not-analysed' && !isValuesFileCopy(finding)).length;
  return count;
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
