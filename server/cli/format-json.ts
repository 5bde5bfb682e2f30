import type { Finding } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { JsonArrayWriter, jsonHole, jsonTemplate } from './json-stream';
import { TOOL_NAME, TOOL_VERSION, type Out, type RunWriter } from './report-model';
import { Spool } from './spool';

/**
 * The JSON contract (documented in the README): version 1. Lines and columns are 1-based;
 * fix edits are against the original text. The files list comes before the findings, so both are spooled
 * (memory stays flat) and the document is written when the run ends.
 */
export function jsonWriter(out: Out): RunWriter {
  const spools = { files: new Spool(), findings: new Spool(), suppressed: new Spool() };
  const arrays = {
    files: new JsonArrayWriter((text) => spools.files.write(text), '  '),
    findings: new JsonArrayWriter((text) => spools.findings.write(text), '  '),
    suppressed: new JsonArrayWriter((text) => spools.suppressed.write(text), '  '),
  };
  return {
    problem: () => undefined,
    file(file) {
      arrays.files.push({ path: file.path, kind: file.kind, ...(file.skipped ? { skipped: file.skipped } : {}) });
      for (const finding of file.findings) arrays.findings.push(jsonFinding(file.path, finding));
      for (const finding of file.suppressed ?? []) arrays.suppressed.push({ ...jsonFinding(file.path, finding), suppressed: jsonSuppression(finding) });
    },
    end({ walkProblems, baseline }) {
      const holes = arrays.suppressed.length ? (['files', 'findings', 'suppressed'] as const) : (['files', 'findings'] as const);
      const skeleton = {
        version: 1,
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        files: jsonHole('files'),
        findings: jsonHole('findings'),
        ...(arrays.suppressed.length ? { suppressed: jsonHole('suppressed') } : {}),
        ...(walkProblems.length ? { problems: walkProblems } : {}),
        ...(baseline
          ? {
              baseline: {
                file: baseline.file,
                unchanged: baseline.unchanged,
                absent: baseline.absent.map((entry) => ({ path: entry.path, ruleId: entry.ruleId, fingerprint: entry.fingerprint, ...(entry.message ? { message: entry.message } : {}) })),
              },
            }
          : {}),
      };
      const { parts } = jsonTemplate(skeleton, holes.map(jsonHole));
      out(parts[0]);
      holes.forEach((name, index) => {
        arrays[name].close();
        spools[name].drain(out);
        out(parts[index + 1]);
      });
      spools.suppressed.dispose();
    },
  };
}

/** Which pragma suppressed a finding: the tool, the pragma as written and its 1-based line. */
function jsonSuppression(finding: Finding) {
  const suppression = finding.suppression;
  return suppression ? { kind: suppression.kind, tool: suppression.tool, pragma: suppression.pragma, line: suppression.line + 1 } : undefined;
}

/** `archive: { path, entry }` for a place inside a packed subchart (`x.tgz!/x/templates/y.yaml`). */
function inArchive(path: string) {
  const inside = archiveLocation(path, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  return inside ? { archive: { path: inside.archive, entry: inside.entry } } : {};
}

function jsonFinding(path: string, finding: Finding) {
  return {
    ruleId: finding.ruleId,
    kind: finding.kind,
    stride: finding.stride,
    severity: finding.severity,
    message: finding.message,
    path,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    ...inArchive(path),
    ...(finding.fingerprint ? { fingerprint: finding.fingerprint } : {}),
    ...(finding.related?.length
      ? { related: finding.related.map((entry) => ({ path: entry.path, line: entry.range.start.line + 1, column: entry.range.start.character + 1, endLine: entry.range.end.line + 1, endColumn: entry.range.end.character + 1, ...inArchive(entry.path), message: entry.message })) }
      : {}),
    fixable: finding.fixes.length > 0,
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((edit) => ({
        // A Helm finding on a template may be fixed in values.yaml: the edit names its file.
        ...(edit.path ? { path: edit.path } : {}),
        line: edit.range.start.line + 1,
        column: edit.range.start.character + 1,
        endLine: edit.range.end.line + 1,
        endColumn: edit.range.end.character + 1,
        newText: edit.newText,
      })),
      // A new file (e.g. the Secret manifest a literal secret moves into) holds the secret itself: CI output
      // names the file but never prints its text. Editors apply such fixes; the CLI does not.
      ...(fix.newFiles ? { newFiles: fix.newFiles.map((file) => ({ path: file.path })) } : {}),
    })),
  };
}
