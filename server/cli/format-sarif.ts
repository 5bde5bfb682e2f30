import { ALL_RULE_METAS } from '../../rules';
import { FINGERPRINT_VERSION, STRIDE_LABELS, formatReference, referenceTags, ruleDocsUrl, splitArchivePath, type BaselineEntry, type Finding, type Range, type RuleMeta, type Severity } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { JsonArrayWriter, jsonHole, jsonTemplate } from './json-stream';
import { TOOL_NAME, TOOL_VERSION, type Out, type RunWriter } from './report-model';
import { Spool } from './spool';

type BaselineState = 'new' | 'unchanged' | 'absent';
/** The partialFingerprints key: versioned, so a change of the algorithm is not mistaken for new results. */
const FINGERPRINT_KEY = `stridelint/v${FINGERPRINT_VERSION}`;

/** A baselined finding no longer found: SARIF's `absent`, located by its file only (its place is gone). */
function absentResult(entry: BaselineEntry, ruleIndex: number) {
  return {
    ruleId: entry.ruleId,
    ruleIndex,
    level: 'none' as const,
    message: { text: `No longer found: ${entry.message ?? entry.ruleId}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(entry.path), uriBaseId: '%SRCROOT%' } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: entry.fingerprint },
    baselineState: 'absent' as const,
  };
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks by this CVSS-like score: ≥ 7 high, ≥ 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

function descriptor(meta: RuleMeta) {
  const references = meta.references.map(formatReference);
  return {
    id: meta.id,
    name: meta.id.replace(/^[^/]+\//, '').replace(/-(.)/g, (_, char: string) => char.toUpperCase()).replace(/^./, (char) => char.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    helpUri: ruleDocsUrl(meta.id),
    help: {
      text: `${meta.remediation}${references.length ? `\nReferences: ${references.join('; ')}` : ''}`,
      markdown: `${meta.remediation}${references.length ? `\n\n**References:** ${references.join('; ')}` : ''}`,
    },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['security', `STRIDE/${STRIDE_LABELS[meta.stride]}`, ...referenceTags(meta)],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: 'high',
      stride: meta.stride,
    },
  };
}

/**
 * A SARIF physical location. A place inside a packed subchart (`x.tgz!/x/templates/y.yaml`) has no URI of its
 * own: the location is the archive file, with no region (lines of the entry are not lines of the archive);
 * the entry and line are in the properties and, for results, in the message.
 */
function physicalLocation(path: string, range: Range) {
  const archive = archiveLocation(path, range);
  if (archive) return { artifactLocation: { uri: encodeURI(archive.archive), uriBaseId: '%SRCROOT%' }, properties: { archiveEntry: archive.entry, entryStartLine: range.start.line + 1, entryStartColumn: range.start.character + 1 } };
  return { artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' }, region: region(range) };
}

function messageText(path: string, finding: Finding): string {
  const archive = archiveLocation(path, finding.range);
  return archive ? `${finding.message} (${archive.note})` : finding.message;
}

function region(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * SARIF 2.1.0 for code-scanning services; a test validates it against the official schema. Results are written
 * as files finish; the artifacts list, which follows them, is spooled.
 */
export function sarifWriter(out: Out): RunWriter {
  const rules = ALL_RULE_METAS.map(descriptor);
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  const toResult = (path: string, finding: Finding, baselineState?: BaselineState) => ({
      ruleId: finding.ruleId,
      ruleIndex: index.get(finding.ruleId) ?? -1,
      level: LEVEL[finding.severity],
      message: { text: messageText(path, finding) },
      locations: [{ physicalLocation: physicalLocation(path, finding.range) }],
      ...(finding.related?.length
        ? { relatedLocations: finding.related.map((entry, id) => ({ id, physicalLocation: physicalLocation(entry.path, entry.range), message: { text: entry.message } })) }
        : {}),
      ...(finding.fixes.length
        ? {
            fixes: finding.fixes
              .filter((fix) => !fix.newFiles?.length)
              .map((fix) => ({
                description: { text: fix.title },
                // One change per file: a Helm template's fix may edit values.yaml.
                artifactChanges: [...new Set(fix.edits.map((edit) => edit.path ?? path))].map((target) => ({
                  artifactLocation: { uri: encodeURI(target), uriBaseId: '%SRCROOT%' },
                  replacements: fix.edits
                    .filter((edit) => (edit.path ?? path) === target)
                    .map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
                })),
              })),
          }
        : {}),
      ...(finding.fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint } } : {}),
      ...(baselineState ? { baselineState } : {}),
      ...(finding.suppression ? { suppressions: [{ kind: 'inSource', justification: `${finding.suppression.tool} pragma on line ${finding.suppression.line + 1}: ${finding.suppression.pragma}` }] } : {}),
      properties: { stride: finding.stride, safeFix: finding.fixes.some((fix) => fix.safe) },
  });
  const skeleton = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: 'https://github.com/stridelint/stridelint', rules } },
        results: jsonHole('results'),
        artifacts: jsonHole('artifacts'),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  const { parts, indents } = jsonTemplate(skeleton, [jsonHole('results'), jsonHole('artifacts')]);
  const artifactSpool = new Spool();
  const artifacts = new JsonArrayWriter((text) => artifactSpool.write(text), indents[1]);
  const listed = new Set<string>();
  let results: JsonArrayWriter | undefined;
  // The head goes out with the first result, so that a run stopped by a configuration error writes nothing.
  const started = (): JsonArrayWriter => {
    if (!results) {
      out(parts[0]);
      results = new JsonArrayWriter(out, indents[0]);
    }
    return results;
  };
  return {
    problem: () => undefined,
    file(file) {
      const writer = started();
      const compared = file.baselined !== undefined;
      for (const finding of file.findings) writer.push(toResult(file.path, finding, compared ? 'new' : undefined));
      for (const finding of file.baselined ?? []) writer.push(toResult(file.path, finding, 'unchanged'));
      for (const finding of file.suppressed ?? []) writer.push(toResult(file.path, finding));
      // The entries of a packed subchart are one artifact: the archive.
      const artifact = splitArchivePath(file.path)?.archive ?? file.path;
      if (!listed.has(artifact)) {
        listed.add(artifact);
        artifacts.push({ location: { uri: encodeURI(artifact), uriBaseId: '%SRCROOT%' } });
      }
    },
    end({ baseline }) {
      const writer = started();
      for (const entry of baseline?.absent ?? []) writer.push(absentResult(entry, index.get(entry.ruleId) ?? -1));
      writer.close();
      out(parts[1]);
      artifacts.close();
      artifactSpool.drain(out);
      out(parts[2]);
    },
  };
}
