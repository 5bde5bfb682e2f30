import type { RenderedText } from './unit-texts';
import { effectiveRuleSetting, type StridelintConfig } from '../config';
import type { Finding, RuleMeta } from '../types';

/** Lines of rendered text kept with a finding, so that a hover can show what was judged. */
const SNIPPET_CONTEXT = 2;

/** A finding of an engine rule (not-analysed, internal-error) at the configured severity. */
export function engineFinding(meta: RuleMeta, config: StridelintConfig, file: string, message: string, range: Finding['range']): Finding {
  const setting = effectiveRuleSetting(config, file, meta);
  return { ruleId: meta.id, kind: 'any', stride: meta.stride, severity: setting.configured && setting.severity !== 'off' ? setting.severity : meta.severity, message, range, fixes: [] };
}

export function isOff(config: StridelintConfig, file: string, meta: RuleMeta): boolean {
  return effectiveRuleSetting(config, file, meta).severity === 'off';
}

/** The rendered lines around a finding (its range is in the rendered text). */
export function snippet(rendered: RenderedText, finding: Finding): string {
  const first = Math.max(0, finding.range.start.line - SNIPPET_CONTEXT);
  const last = Math.min(rendered.lines.lineCount - 1, finding.range.end.line + SNIPPET_CONTEXT, first + 12);
  const lines: string[] = [];
  for (let line = first; line <= last; line++) lines.push(rendered.lines.lineText(line));
  return lines.join('\n');
}

/** The same rule, message and start: one finding reached twice (a template rendered twice, two overlays). */
export function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.message === b.message && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}
