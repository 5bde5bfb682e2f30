import type { Finding } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { ELEMENT_SEPARATOR, JsonArrayWriter, jsonHole, jsonTemplate } from './json-stream';
import { TOOL_NAME, TOOL_VERSION, type FileResult, type Out, type RunWriter } from './report-model';
import { Spool } from './spool';
import type { FileEncoding } from './cached-output';

/** A file's output: findings and suppressed counts, its files element, its findings and its suppressed findings (text, or UTF-8 bytes from the cache). */
type EncodedFile = [number, number, string | Uint8Array, string | Uint8Array, string | Uint8Array];

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
  // A file's output in five parts: its findings' and suppressed findings' counts, its files element, and its
  // findings and suppressed findings, each joined as the array writes them.
  const encoded = (file: FileResult): EncodedFile => {
    const findings = file.findings.map((finding) => arrays.findings.encode(jsonFinding(file.path, finding)));
    const suppressed = (file.suppressed ?? []).map((finding) => arrays.suppressed.encode({ ...jsonFinding(file.path, finding), suppressed: jsonSuppression(finding) }));
    const element = arrays.files.encode({ path: file.path, kind: file.kind, ...(file.skipped ? { skipped: file.skipped } : {}) });
    return [findings.length, suppressed.length, element, findings.join(ELEMENT_SEPARATOR), suppressed.join(ELEMENT_SEPARATOR)];
  };
  const write = ([findings, suppressed, element, findingsText, suppressedText]: EncodedFile): void => {
    arrays.files.pushEncoded(element);
    arrays.findings.pushEncoded(findingsText, findings);
    arrays.suppressed.pushEncoded(suppressedText, suppressed);
  };
  // For --cache, the parts as one text, NUL-separated (JSON text never holds a raw NUL: JSON.stringify escapes it).
  const encoding: FileEncoding<EncodedFile> = {
    name: 'json-1',
    encode: (file) => encoded(file).join('\u0000'),
    decode(bytes) {
      const cuts = [-1];
      for (let at = bytes.indexOf(0); at >= 0 && cuts.length < 6; at = bytes.indexOf(0, at + 1)) cuts.push(at);
      if (cuts.length !== 5) return undefined;
      cuts.push(bytes.length);
      const [findingsCount, suppressedCount, element, findings, suppressed] = cuts.slice(0, 5).map((cut, index) => bytes.subarray(cut + 1, cuts[index + 1]));
      const count = (part: Buffer) => (/^\d+$/.test(part.toString('latin1')) ? Number(part.toString('latin1')) : NaN);
      const counts = [count(findingsCount), count(suppressedCount)];
      if (counts.some(Number.isNaN) || element.length === 0 || (counts[0] === 0) !== (findings.length === 0) || (counts[1] === 0) !== (suppressed.length === 0)) return undefined;
      return [counts[0], counts[1], element, findings, suppressed];
    },
    replay: write,
  };
  return {
    problem: () => undefined,
    encoding,
    file: (file) => write(encoded(file)),
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
