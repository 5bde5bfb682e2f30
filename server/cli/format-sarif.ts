import { ALL_RULE_METAS } from '../../rules';
import { FINGERPRINT_VERSION, STRIDE_LABELS, formatReference, referenceTags, ruleDocsUrl, splitArchivePath, type BaselineEntry, type Finding, type Range, type RuleMeta, type Severity } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { TOOL_NAME, TOOL_VERSION, type RunResult } from './report-model';

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

function region(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function messageText(path: string, finding: Finding): string {
  const archive = archiveLocation(path, finding.range);
  return archive ? `${finding.message} (${archive.note})` : finding.message;
}

/** SARIF 2.1.0 for code-scanning services; a test validates it against the official schema. */
export function formatSarif(result: RunResult): string {
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
  const compared = result.baseline !== undefined;
  const results = [
    ...result.files.flatMap((file) => [
      ...file.findings.map((finding) => toResult(file.path, finding, compared ? 'new' : undefined)),
      ...(file.baselined ?? []).map((finding) => toResult(file.path, finding, 'unchanged')),
      ...(file.suppressed ?? []).map((finding) => toResult(file.path, finding)),
    ]),
    ...(result.baseline?.absent ?? []).map((entry) => absentResult(entry, index.get(entry.ruleId) ?? -1)),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: 'https://github.com/stridelint/stridelint', rules } },
        results,
        artifacts: [...new Set(result.files.map((file) => splitArchivePath(file.path)?.archive ?? file.path))].map((path) => ({ location: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' } })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
