import type { FileKind, ReportDescriptor, RuleMeta, Span } from './types';
import type { LineIndex } from './line-index';
import type { ModelOf } from '../models';

/**
 * Facts about the rest of the workspace that a few rules read (a rule never touches the file system):
 * adapters fill them in when they know them, and rules treat absence as "unknown".
 */
export interface WorkspaceFacts {
  /** A workspace daemon.json sets `"no-new-privileges": true` (compose/no-new-privileges drops to info). */
  daemonNoNewPrivileges?: boolean;
  /** A workspace daemon.json sets `"ip"`, the default bind address for published ports. */
  daemonDefaultBindIp?: string;
  /** Keys a workspace daemon.json sets, each with that file's path (a dockerd flag for one stops dockerd). */
  daemonJsonKeys?: Readonly<Record<string, string>>;
  /** Keys the dockerd flags of a workspace unit or environment file set, each with the flag and its file. */
  daemonFlagKeys?: Readonly<Record<string, string>>;
  /** The workspace provisions a Docker host: it has a daemon.json or a unit/environment file that starts dockerd. */
  dockerHost?: boolean;
  /** Paths the run's audit rules files watch, all of them (a watch in one file serves the host). */
  auditWatchedPaths?: readonly string[];
  /** The audit rules file that reports what none of them watches (the path as linted), so it is said once. */
  auditRulesFile?: string;
}

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
