import { createHash } from 'node:crypto';
import type { Severity } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { JsonArrayWriter } from './json-stream';
import type { Out, RunWriter } from './report-model';

/** GitLab Code Quality severities: info, minor, major, critical, blocker. */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'critical'> = { info: 'info', warning: 'minor', error: 'critical' };

/**
 * GitLab Code Quality report (`artifacts: reports: codequality`): a JSON array of issues with description,
 * check_name, fingerprint, severity and location (path + lines.begin), as GitLab documents the format.
 * Issues are written as files finish.
 */
export function gitlabWriter(out: Out): RunWriter {
  const issues = new JsonArrayWriter(out, '');
  return {
    problem: () => undefined,
    file(file) {
      for (const finding of file.findings) {
        // A finding inside a packed subchart is put on the archive, its entry and line in the text.
        const archive = archiveLocation(file.path, finding.range);
        issues.push({
          type: 'issue',
          description: archive ? `${finding.message} (${archive.note})` : finding.message,
          check_name: finding.ruleId,
          categories: ['Security'],
          // Unique per issue across the report: our fingerprint is per file, so the path joins it.
          fingerprint: createHash('sha256').update(`${file.path}\u0000${finding.ruleId}\u0000${finding.fingerprint ?? `${finding.range.start.line}:${finding.range.start.character}`}`).digest('hex').slice(0, 32),
          severity: SEVERITY[finding.severity],
          location: archive ? { path: archive.archive, lines: { begin: 1, end: 1 } } : { path: file.path, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
        });
      }
    },
    end() {
      issues.close();
      out('\n');
    },
  };
}
