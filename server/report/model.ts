import { FILE_KINDS, SEVERITIES, STRIDE_CATEGORIES, isValuesFileCopy, type FileKind, type Finding, type Reference, type RuleMeta, type Severity, type SeveritySetting, type Stride } from '../../rules/engine';
import { findRuleMeta } from '../../rules';
import { assignAssets, chartAsset, type Asset, type AssetKind } from './assets';
import { findingChain, type ChainLink } from './chains';

/** One linted file as the report needs it; a CLI `FileResult` or a language server's document both fit. */
export interface ReportFile {
  /** As displayed (relative to the workspace). */
  path: string;
  kind: FileKind;
  findings: Finding[];
  /** Why the file was not analysed at all, if it was not. */
  skipped?: string;
  /** From `fileAssets(text, path, kind)`; absent or empty ⇒ every finding belongs to the file itself. */
  assets?: Asset[];
}

/** One rule whose setting differs from its default, and who said so. */
export interface RuleChange {
  ruleId: string;
  setting: SeveritySetting;
  defaultSeverity?: Severity;
  /** The config file (or `command line`) that sets it. */
  source: string;
  /** Set for a setting made inside `overrides:`, with that entry's globs. */
  files?: string[];
}

/** The configuration in force: the files it came from (none ⇒ defaults) and what it changes. */
export interface ReportConfiguration {
  sources: string[];
  ruleChanges: RuleChange[];
  /** STRIDE categories switched off (`categories: { repudiation: false }`), with their source. */
  categoriesOff: Array<{ stride: Stride; source: string; files?: string[] }>;
  ignore: Array<{ pattern: string; source: string }>;
}

/** Everything a report is made from: plain data, so the CLI, the language server and tests can build it. */
export interface ReportInput {
  files: ReportFile[];
  /** Paths that could not be read at all (permission denied, link loops). */
  walkProblems?: Array<{ path: string; message: string }>;
  configuration?: ReportConfiguration;
  /** Heading of the document (default "STRIDE threat model"). */
  title?: string;
  /** The paths linted, as given, for the subtitle. */
  scope?: string[];
  /** ISO timestamp printed in the header; absent ⇒ none (tests keep output stable this way). */
  generatedAt?: string;
  toolVersion?: string;
}

/** A finding placed: its file, its asset and its rule's metadata (undefined for an unknown rule id). */
export interface ReportEntry {
  path: string;
  asset: Asset;
  finding: Finding;
  meta?: RuleMeta;
  /** Set when the finding's related locations reach other files: its asset, then each of them. */
  chain?: ChainLink[];
}

export interface MatrixCell {
  count: number;
  /** The highest severity among the cell's findings; undefined when empty. */
  severity?: Severity;
}

export interface MatrixRow {
  asset: Asset;
  cells: Record<Stride, MatrixCell>;
  total: number;
}

/** Findings of one rule in one category, worst first: what a reviewer reads as one threat. */
export interface RuleGroup {
  ruleId: string;
  meta?: RuleMeta;
  severity: Severity;
  entries: ReportEntry[];
}

export interface ThreatModel {
  input: ReportInput;
  entries: ReportEntry[];
  filesByKind: Record<FileKind, number>;
  findingsBySeverity: Record<Severity, number>;
  /** Assets with at least one finding, most exposed first; the heat map's rows. */
  matrix: MatrixRow[];
  /** Assets declared but without findings (listed, not drawn). */
  cleanAssets: Asset[];
  byCategory: Record<Stride, RuleGroup[]>;
  notAnalysed: Array<{ path: string; reason: string; line?: number }>;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export function worse(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

/** Severities from worst to mildest. */
export const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].sort((a, b) => RANK[b] - RANK[a]);

/** Turns a run into the report's data: entries with assets, the asset × STRIDE matrix, groups per category. */
export function buildThreatModel(input: ReportInput): ThreatModel {
  const entries: ReportEntry[] = [];
  const filesByKind = Object.fromEntries(FILE_KINDS.map((kind) => [kind, 0])) as Record<FileKind, number>;
  const findingsBySeverity = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  const declared = new Map<string, Asset>();
  const notAnalysed: ThreatModel['notAnalysed'] = [];
  const assetsByPath = new Map(input.files.map((file) => [file.path, file.assets ?? []]));
  const assetsOf = (path: string) => assetsByPath.get(path) ?? [];
  for (const file of input.files) {
    filesByKind[file.kind] = (filesByKind[file.kind] ?? 0) + 1;
    for (const asset of file.assets ?? []) declared.set(asset.id, asset);
    const assets = assignAssets(file.findings, file.assets ?? [], file.path);
    file.findings.forEach((finding, index) => {
      // A chart finding is also shown on the values line that fed it: that copy is the same threat, counted once.
      if (isValuesFileCopy(finding)) return;
      const asset = chartAsset(finding, file.path) ?? namedAsset(finding, file) ?? assets[index];
      const chain = findingChain(finding, file.path, asset, assetsOf);
      entries.push({ path: file.path, asset, finding, meta: findRuleMeta(finding.ruleId), ...(chain ? { chain } : {}) });
      findingsBySeverity[finding.severity]++;
      if (finding.ruleId === 'stridelint/not-analysed' && !file.skipped) notAnalysed.push({ path: file.path, reason: finding.message, line: finding.range.start.line + 1 });
    });
    if (file.skipped) notAnalysed.push({ path: file.path, reason: `Not analysed: ${file.skipped}.` });
  }
  for (const problem of input.walkProblems ?? []) notAnalysed.push({ path: problem.path, reason: `Not read: ${problem.message}.` });

  const rows = new Map<string, MatrixRow>();
  for (const entry of entries) {
    let row = rows.get(entry.asset.id);
    if (!row) {
      row = { asset: entry.asset, cells: Object.fromEntries(STRIDE_CATEGORIES.map((stride) => [stride, { count: 0 }])) as Record<Stride, MatrixCell>, total: 0 };
      rows.set(entry.asset.id, row);
    }
    const cell = row.cells[entry.finding.stride];
    cell.count++;
    cell.severity = worse(cell.severity, entry.finding.severity);
    row.total++;
  }
  const score = (row: MatrixRow) => STRIDE_CATEGORIES.reduce((sum, stride) => sum + (row.cells[stride].severity ? 100 ** RANK[row.cells[stride].severity!] * row.cells[stride].count : 0), 0);
  const matrix = [...rows.values()].sort((a, b) => score(b) - score(a) || a.asset.path.localeCompare(b.asset.path) || a.asset.name.localeCompare(b.asset.name));
  const cleanAssets = [...declared.values()].filter((asset) => !rows.has(asset.id));

  const byCategory = Object.fromEntries(STRIDE_CATEGORIES.map((stride) => [stride, groupByRule(entries.filter((entry) => entry.finding.stride === stride))])) as Record<Stride, RuleGroup[]>;
  return { input, entries, filesByKind, findingsBySeverity, matrix, cleanAssets, byCategory, notAnalysed };
}

/** The findings a report counts: a chart finding's copy on its values line is left out (see buildThreatModel). */
export function countedFindings(findings: readonly Finding[]): number {
  return findings.filter((finding) => !isValuesFileCopy(finding)).length;
}

const NAMED_ASSET_KIND: Record<FileKind, AssetKind> = { dockerfile: 'image', compose: 'service', kubernetes: 'manifest', daemon: 'daemon', systemd: 'daemon', 'env-file': 'daemon', audit: 'file', dotenv: 'file', 'docker-config': 'file' };

/**
 * A rule that knows better than the finding's position which asset is at risk says so in `data.asset`
 * (an asset's name in that file: a compose service, `Deployment/api`); the declared asset of that name wins.
 */
function namedAsset(finding: Finding, file: ReportFile): Asset | undefined {
  const name = finding.data?.asset;
  if (typeof name !== 'string' || name === '') return undefined;
  return file.assets?.find((asset) => asset.name === name) ?? { id: `${file.path}#${name}`, kind: NAMED_ASSET_KIND[file.kind], name, path: file.path };
}

function groupByRule(entries: ReportEntry[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const entry of entries) {
    const group = groups.get(entry.finding.ruleId) ?? { ruleId: entry.finding.ruleId, meta: entry.meta, severity: entry.finding.severity, entries: [] };
    group.severity = worse(group.severity, entry.finding.severity);
    group.entries.push(entry);
    groups.set(entry.finding.ruleId, group);
  }
  for (const group of groups.values()) {
    group.entries.sort((a, b) => RANK[b.finding.severity] - RANK[a.finding.severity] || a.path.localeCompare(b.path) || a.finding.range.start.line - b.finding.range.start.line);
  }
  return [...groups.values()].sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.entries.length - a.entries.length || a.ruleId.localeCompare(b.ruleId));
}

/** CIS and PSS references first (what auditors map to), then the peer tools' ids. */
export function splitReferences(meta: RuleMeta | undefined): { standards: Reference[]; peers: Reference[] } {
  const references = meta?.references ?? [];
  const isStandard = (reference: Reference) => reference.source === 'cis-docker' || reference.source === 'cis-kubernetes' || reference.source === 'pss';
  return { standards: references.filter(isStandard), peers: references.filter((reference) => !isStandard(reference) && reference.source !== 'docs') };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
