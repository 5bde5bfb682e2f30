import { STRIDE_CATEGORIES, STRIDE_LABELS, isValuesFileCopy, type Finding, type Severity, type Stride } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { baselineSummaryLine } from './baseline';
import type { RunResult } from './report-model';

interface Located {
  path: string;
  finding: Finding;
}

function line({ path, finding }: Located): string {
  const { line, character } = finding.range.start;
  const head = `${path}:${line + 1}:${character + 1} ${finding.severity} [${STRIDE_LABELS[finding.stride]}] ${finding.message} (${finding.ruleId})`;
  // Related places (the values line, the helper a chart template includes) follow on their own lines.
  const seeAlso = (finding.related ?? []).map((entry) => `    see also ${entry.path}:${entry.range.start.line + 1}:${entry.range.start.character + 1} ${entry.message}`);
  const archive = archiveLocation(path, finding.range);
  return [head, ...(archive ? [`    ${archive.note}`] : []), ...seeAlso].join('\n');
}

function counts(findings: Finding[]): string {
  const by = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  const parts = [`${by('error')} error${by('error') === 1 ? '' : 's'}`, `${by('warning')} warning${by('warning') === 1 ? '' : 's'}`, `${by('info')} info`];
  return parts.join(', ');
}

/**
 * Compiler-style lines (`path:line:col severity [STRIDE] message (rule-id)`), then a summary by STRIDE
 * category. With `groupByStride`, the lines themselves are listed under each category's heading.
 */
export function formatText(result: RunResult, options: { groupByStride?: boolean } = {}): string {
  const located: Located[] = result.files.flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding })));
  const out: string[] = [];
  for (const problem of result.walkProblems) out.push(`${problem.path}: warning: ${problem.message}`);
  if (options.groupByStride) {
    for (const stride of STRIDE_CATEGORIES) {
      const inCategory = located.filter((item) => item.finding.stride === stride);
      if (inCategory.length === 0) continue;
      out.push('', `== ${STRIDE_LABELS[stride]} (${inCategory.length}) ==`);
      for (const item of inCategory) out.push(line(item));
    }
  } else {
    for (const item of located) out.push(line(item));
  }
  const all = located.map((item) => item.finding);
  out.push('', 'Summary by STRIDE category:');
  const width = Math.max(...STRIDE_CATEGORIES.map((stride) => STRIDE_LABELS[stride].length));
  for (const stride of STRIDE_CATEGORIES) {
    const inCategory = all.filter((finding) => finding.stride === stride);
    out.push(`  ${STRIDE_LABELS[stride].padEnd(width)}  ${String(inCategory.length).padStart(4)}${inCategory.length ? `  (${counts(inCategory)})` : ''}`);
  }
  const filesWithFindings = new Set(located.map((item) => item.path)).size;
  const baseline = baselineSummaryLine(result);
  out.push('', `${all.length} finding${all.length === 1 ? '' : 's'} (${counts(all)}) in ${filesWithFindings} of ${result.files.length} file${result.files.length === 1 ? '' : 's'} checked.`);
  const suppressed = result.files.reduce((count, file) => count + (file.suppressed?.length ?? 0), 0);
  if (suppressed > 0) out.push(`${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed by other tools' pragmas (listed by --format json and sarif; suppressions.foreign: false in .stridelint.yaml turns this off).`);
  if (baseline) out.push(baseline);
  const suggestions = result.fix && !result.fix.suggestionsApplied ? all.filter(onlySuggestedFixes).length : 0;
  if (suggestions > 0) out.push(`${suggestions} finding${suggestions === 1 ? ' has' : 's have'} a suggested fix that --fix does not apply (it changes runtime behaviour); --fix-suggestions applies them.`);
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}

/** A finding whose fixes are all suggestions (counted once: a chart finding's values-file copy is skipped). */
function onlySuggestedFixes(finding: Finding): boolean {
  return !isValuesFileCopy(finding) && finding.fixes.length > 0 && finding.fixes.every((fix) => !fix.safe && !fix.newFiles?.length);
}

export function strideOf(label: string): Stride | undefined {
  return STRIDE_CATEGORIES.find((stride) => STRIDE_LABELS[stride] === label);
}
