import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyEdits, applyFixes, selectFixes, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { SHARED_SKIP_REASON, peerCases, peerPath, realworldIndex, realworldPath } from '../helpers/shared';

/**
 * Fix soundness, measured on real files: every fix the engine offers, applied alone, yields text that still
 * parses, clears the finding it targets, and brings no new finding of another rule (except the pairs listed
 * below, each explained). Fix-all (the safe fixes together) applies cleanly. The counts are printed.
 */
const KNOWN_FOLLOW_UPS: Record<string, string> = {
  'kubernetes/apiserver-audit-log -> kubernetes/apiserver-audit-log-retention':
    'turning audit logging on makes its retention settings (max age, backups, size) matter; until then there is no log to rotate',
  'kubernetes/hardcoded-secret -> kubernetes/secret-as-env':
    'the literal value moves into a Secret read through env (the fix keeps the program working); CIS 5.4.1 still prefers a mounted file, a milder info-level follow-up by design',
};

const LINTED_KINDS = new Set(['dockerfile', 'compose', 'daemon', 'kubernetes', 'helm-template']);

interface Tally {
  files: number;
  fixesTried: number;
  clean: number;
  exceptions: string[];
  fixAllFiles: number;
}

function countByRule(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  return counts;
}

function checkFile(label: string, path: string, text: string, tally: Tally): void {
  const result = lintFile(text, path);
  if (!result.kind || result.skipped) return;
  tally.files++;
  const before = countByRule(result.findings);
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (fix.newFiles?.length && fix.edits.length === 0) continue;
      tally.fixesTried++;
      const fixed = applyEdits(text.startsWith('\uFEFF') ? text.slice(1) : text, fix.edits);
      const after = lintFile(fixed, path, { kind: result.kind });
      const afterCounts = countByRule(after.findings);
      const problems: string[] = [];
      if ((afterCounts.get('stridelint/parse-error') ?? 0) > (before.get('stridelint/parse-error') ?? 0)) problems.push('the fixed text no longer parses');
      if ((afterCounts.get(finding.ruleId) ?? 0) >= (before.get(finding.ruleId) ?? 0)) problems.push('the finding is not cleared');
      for (const [ruleId, count] of afterCounts) {
        if (ruleId === finding.ruleId || count <= (before.get(ruleId) ?? 0)) continue;
        if (!KNOWN_FOLLOW_UPS[`${finding.ruleId} -> ${ruleId}`]) problems.push(`new finding of ${ruleId}`);
      }
      if (problems.length === 0) tally.clean++;
      else tally.exceptions.push(`${label}:${finding.range.start.line + 1} ${finding.ruleId} “${fix.title}”: ${problems.join('; ')}`);
    }
  }
  const safe = selectFixes(text.startsWith('\uFEFF') ? text.slice(1) : text, result.findings, { safeOnly: true });
  if (safe.length > 0) {
    tally.fixAllFiles++;
    const fixedAll = applyFixes(text.startsWith('\uFEFF') ? text.slice(1) : text, safe);
    const after = lintFile(fixedAll, path, { kind: result.kind });
    const parseErrorsBefore = before.get('stridelint/parse-error') ?? 0;
    assert.ok((countByRule(after.findings).get('stridelint/parse-error') ?? 0) <= parseErrorsBefore, `${label}: fix-all broke the file`);
  }
}

function report(name: string, tally: Tally): void {
  process.stdout.write(`# fix soundness (${name}): ${tally.files} files, ${tally.fixesTried} fixes tried, ${tally.clean} clean, ${tally.exceptions.length} exceptions, fix-all on ${tally.fixAllFiles} files\n`);
  for (const exception of tally.exceptions.slice(0, 50)) process.stdout.write(`#   ${exception}\n`);
}

describe('fix soundness on the corpora', { skip: SHARED_SKIP_REASON }, () => {
  it('realworld: every fix parses, clears its finding and adds nothing unexplained', () => {
    const tally: Tally = { files: 0, fixesTried: 0, clean: 0, exceptions: [], fixAllFiles: 0 };
    for (const file of realworldIndex()) {
      if (!LINTED_KINDS.has(file.kind)) continue;
      checkFile(file.path, realworldPath(file), readFileSync(realworldPath(file), 'utf8'), tally);
    }
    report('realworld', tally);
    assert.deepEqual(tally.exceptions, []);
  });

  it('peers: every fix parses, clears its finding and adds nothing unexplained', () => {
    const tally: Tally = { files: 0, fixesTried: 0, clean: 0, exceptions: [], fixAllFiles: 0 };
    for (const peerCase of peerCases()) checkFile(peerCase.file, peerPath(peerCase), readFileSync(peerPath(peerCase), 'utf8'), tally);
    report('peers', tally);
    assert.deepEqual(tally.exceptions, []);
  });
});
