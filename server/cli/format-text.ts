import { STRIDE_CATEGORIES, STRIDE_LABELS, isValuesFileCopy, type Finding, type Severity, type Stride } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import { baselineSummaryLine } from './baseline';
import type { Out, RunWriter } from './report-model';
import { Spool } from './spool';

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

type SeverityCounts = Record<Severity, number>;

function counts(tally: SeverityCounts): string {
  const parts = [`${tally.error} error${tally.error === 1 ? '' : 's'}`, `${tally.warning} warning${tally.warning === 1 ? '' : 's'}`, `${tally.info} info`];
  return parts.join(', ');
}

const noFindings = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

/**
 * Compiler-style lines (`path:line:col severity [STRIDE] message (rule-id)`) written as files finish, then a
 * summary by STRIDE category from counts. With `groupByStride`, the lines are listed under each category's
 * heading: each category's lines are spooled until the run ends.
 */
export function textWriter(out: Out, options: { groupByStride?: boolean } = {}): RunWriter {
  let written = false;
  // The output never starts with a blank line (a grouped run's first heading, an empty run's summary).
  const emit = (text: string): void => {
    if (!written && text === '') {
      written = true;
      return;
    }
    written = true;
    out(`${text}\n`);
  };
  const byStride = new Map<Stride, SeverityCounts>(STRIDE_CATEGORIES.map((stride) => [stride, noFindings()]));
  const grouped = new Map<Stride, Spool>();
  let files = 0;
  // Paths, not a count: a values file shared by two charts comes once per chart, and is one file.
  const filesWithFindings = new Set<string>();
  let suppressed = 0;
  let suggestions = 0;
  return {
    problem(problem) {
      emit(`${problem.path}: warning: ${problem.message}`);
    },
    file(file) {
      files++;
      if (file.findings.length > 0) filesWithFindings.add(file.path);
      suppressed += file.suppressed?.length ?? 0;
      suggestions += file.findings.filter(onlySuggestedFixes).length;
      for (const finding of file.findings) {
        (byStride.get(finding.stride) as SeverityCounts)[finding.severity]++;
        const text = line({ path: file.path, finding });
        if (!options.groupByStride) emit(text);
        else {
          const spool = grouped.get(finding.stride) ?? new Spool();
          grouped.set(finding.stride, spool);
          spool.write(`${text}\n`);
        }
      }
    },
    end(end) {
      const total = noFindings();
      for (const tally of byStride.values()) for (const severity of ['error', 'warning', 'info'] as const) total[severity] += tally[severity];
      const sum = (tally: SeverityCounts): number => tally.error + tally.warning + tally.info;
      for (const stride of STRIDE_CATEGORIES) {
        const spool = grouped.get(stride);
        if (!spool) continue;
        emit('');
        emit(`== ${STRIDE_LABELS[stride]} (${sum(byStride.get(stride) as SeverityCounts)}) ==`);
        spool.drain(out);
      }
      emit('');
      emit('Summary by STRIDE category:');
      const width = Math.max(...STRIDE_CATEGORIES.map((stride) => STRIDE_LABELS[stride].length));
      for (const stride of STRIDE_CATEGORIES) {
        const tally = byStride.get(stride) as SeverityCounts;
        emit(`  ${STRIDE_LABELS[stride].padEnd(width)}  ${String(sum(tally)).padStart(4)}${sum(tally) ? `  (${counts(tally)})` : ''}`);
      }
      const all = sum(total);
      emit('');
      emit(`${all} finding${all === 1 ? '' : 's'} (${counts(total)}) in ${filesWithFindings.size} of ${files} file${files === 1 ? '' : 's'} checked.`);
      if (suppressed > 0) emit(`${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed by other tools' pragmas (listed by --format json and sarif; suppressions.foreign: false in .stridelint.yaml turns this off).`);
      const baseline = baselineSummaryLine(end);
      if (baseline) emit(baseline);
      if (end.fix && !end.fix.suggestionsApplied && suggestions > 0) emit(`${suggestions} finding${suggestions === 1 ? ' has' : 's have'} a suggested fix that --fix does not apply (it changes runtime behaviour); --fix-suggestions applies them.`);
    },
  };
}

/** A finding whose fixes are all suggestions (counted once: a chart finding's values-file copy is skipped). */
function onlySuggestedFixes(finding: Finding): boolean {
  return !isValuesFileCopy(finding) && finding.fixes.length > 0 && finding.fixes.every((fix) => !fix.safe && !fix.newFiles?.length);
}

export function strideOf(label: string): Stride | undefined {
  return STRIDE_CATEGORIES.find((stride) => STRIDE_LABELS[stride] === label);
}
