import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../rules/engine';
import { archiveLocation, type ArchiveLocation } from '../shared/archive-location';
import type { RunResult } from './report-model';

/** GitLab Code Quality severities: info, minor, major, critical, blocker. */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'critical'> = { info: 'info', warning: 'minor', error: 'critical' };

/**
 * GitLab Code Quality report (`artifacts: reports: codequality`): a JSON array of issues with description,
 * check_name, fingerprint, severity and location (path + lines.begin), as GitLab documents the format.
 */
export function formatGitlab(result: RunResult): string {
  const issues = result.files.flatMap((file) =>
    file.findings.map((finding) => issue(file.path, finding, archiveLocation(file.path, finding.range))),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/** One Code Quality issue; a finding inside a packed subchart is put on the archive, its entry in the text. */
function issue(path: string, finding: Finding, archive: ArchiveLocation | undefined) {
  return {
      type: 'issue',
      description: archive ? `${finding.message} (${archive.note})` : finding.message,
      check_name: finding.ruleId,
      categories: ['Security'],
      // Unique per issue across the report: our fingerprint is per file, so the path joins it.
      fingerprint: createHash('sha256').update(`${path}\u0000${finding.ruleId}\u0000${finding.fingerprint ?? `${finding.range.start.line}:${finding.range.start.character}`}`).digest('hex').slice(0, 32),
      severity: SEVERITY[finding.severity],
      location: archive ? { path: archive.archive, lines: { begin: 1, end: 1 } } : { path, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
  };
}
