/**
 * What the Threats view and the status bar show, computed from stridelint diagnostics without `vscode`
 * (so it is unit-tested): STRIDE category → file → finding, and counts per category.
 */
import { STRIDE_CATEGORIES, STRIDE_LABELS, type Severity, type Stride } from '../rules/engine/types';

export interface ThreatFinding {
  uri: string;
  ruleId: string;
  stride: Stride;
  severity: Severity;
  /** The message without its `[Category] ` prefix (the view already groups by category). */
  message: string;
  line: number;
  character: number;
}

export interface ThreatFile {
  uri: string;
  findings: ThreatFinding[];
}

export interface ThreatCategory {
  stride: Stride;
  label: string;
  count: number;
  files: ThreatFile[];
}

export function isStride(value: unknown): value is Stride {
  return typeof value === 'string' && (STRIDE_CATEGORIES as readonly string[]).includes(value);
}

/** The message as the view shows it: the category prefix the server adds is dropped. */
export function withoutCategory(message: string): string {
  return message.replace(/^\[[^\]]+\] /, '');
}

/** Categories in STRIDE order (empty ones left out), files sorted by URI, findings by position. */
export function groupThreats(findings: readonly ThreatFinding[]): ThreatCategory[] {
  const result: ThreatCategory[] = [];
  for (const stride of STRIDE_CATEGORIES) {
    const ofCategory = findings.filter((finding) => finding.stride === stride);
    if (ofCategory.length === 0) continue;
    const byFile = new Map<string, ThreatFinding[]>();
    for (const finding of ofCategory) byFile.set(finding.uri, [...(byFile.get(finding.uri) ?? []), finding]);
    const files = [...byFile.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([uri, list]) => ({ uri, findings: list.sort((a, b) => a.line - b.line || a.character - b.character) }));
    result.push({ stride, label: STRIDE_LABELS[stride], count: ofCategory.length, files });
  }
  return result;
}

/** Status-bar text: the initial of each category with findings and its count, e.g. `T 3  E 1`. */
export function statusText(categories: readonly ThreatCategory[]): string {
  if (categories.length === 0) return '$(shield) stridelint: no threats';
  return `$(shield) ${categories.map((category) => `${category.label[0]} ${category.count}`).join('  ')}`;
}

export function statusTooltip(categories: readonly ThreatCategory[]): string {
  const counts = new Map(categories.map((category) => [category.stride, category.count]));
  return ['stridelint findings in the workspace by STRIDE category:', ...STRIDE_CATEGORIES.map((stride) => `${STRIDE_LABELS[stride]}: ${counts.get(stride) ?? 0}`)].join('\n');
}
