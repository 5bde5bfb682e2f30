import type { FileKind, ReportDescriptor, RuleMeta, Span } from './types';
import type { LineIndex } from './line-index';
import type { ModelOf } from '../models';
import type { WorkspaceFacts } from '../facts/workspace-facts';

export type { WorkspaceFacts };

export interface RuleContext<M> {
  readonly model: M;
  /** The linted text, without a leading BOM; spans are offsets into it. */
  readonly text: string;
  readonly path: string;
  readonly lines: LineIndex;
  /** Options for this rule from configuration (`rules: { id: { options: … } }`). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly workspace: Readonly<WorkspaceFacts>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<K extends FileKind = FileKind> {
  readonly meta: RuleMeta & { kind: K };
  check(context: RuleContext<ModelOf<K>>): void;
}

/** A rule module's default export: metadata beside its logic. */
export function defineRule<K extends FileKind>(rule: Rule<K>): Rule<K> {
  return rule;
}

/** The span of a whole line's content, for reports that have no narrower node. */
export function lineSpan(lines: LineIndex, line: number): Span {
  return { start: lines.lineStart(line), end: lines.lineEnd(line) };
}
