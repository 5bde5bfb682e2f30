import { COMMENTABLE_KINDS, embeddedModels, type EmbeddedModel, type ModelOf } from '../models';
import { fileFactsOf } from '../models/file-facts';
import type { FileFacts } from '../facts/file-facts';
import type { ModelProblem } from '../models/problems';
import { builtByRelated } from './built-by';
import { describeError, parseModel, type ParseFile } from './parse-model';
import { INTERNAL_ERROR, INVALID_SUPPRESSION, NOT_ANALYSED, PARSE_ERROR, UNUSED_SUPPRESSION } from './builtin-rules';
import { effectiveRuleSetting, emptyConfig, type EffectiveRuleSetting, type StridelintConfig } from './config';
import { detectKind } from './detect-kind';
import { LineIndex } from './line-index';
import type { Rule, RuleContext, WorkspaceFacts } from './rule';
import { fingerprintFindings, type ParsedForFingerprints } from './fingerprint';
import { applyForeignSuppressions } from './foreign-suppressions';
import { isSuppressed, parseSuppressions } from './suppression';
import { lazyFixes } from './lazy-fixes';
import type { FileKind, Finding, Fix, FixSpec, ReportDescriptor, RuleMeta, Severity, Span } from './types';

export interface LintOptions {
  /** Configuration in force for this path (defaults: every rule at its default severity). */
  config?: StridelintConfig;
  /** Skip kind detection (an editor's language mode, or a test). */
  kind?: FileKind;
  /** The editor's language id, used in kind detection (`dockerfile`, `dockercompose`, `yaml`, `json`). */
  languageId?: string;
  workspace?: WorkspaceFacts;
  /** The rules to run (the registry's `ALL_RULES`, or a test's own): the engine knows no rule by itself. */
  rules: readonly Rule[];
  /** Set each finding's `fingerprint` (baselines, SARIF), from the trees already parsed. */
  fingerprints?: boolean;
  /** Also return the file's facts for the workspace index, from the model already parsed. */
  facts?: boolean;
  /**
   * Called once the file is parsed, with its facts from that parse (undefined when it has none): returns the
   * workspace facts the rules read, so an adapter can put the file's own facts in its index first (one parse
   * for both). Takes the place of `workspace`; not called for a file that is not analysed.
   */
  workspaceWithFacts?: (facts: FileFacts | undefined) => WorkspaceFacts;
  /** Parses the text (default `parseModel`): a workspace scan hands back the parse its facts pass made of the same text. */
  parse?: ParseFile;
  /**
   * When the fixes a rule gives as a function are built (`ReportDescriptor.fixes`): `eager` (default) during
   * the lint; `lazy` when the finding's `fixes` is first read (the language server, whose code actions read a
   * few); `none` never, every finding without fixes (a workspace scan keeps none). The edits are the same either way.
   */
  fixes?: 'eager' | 'lazy' | 'none';
}

export interface LintResult {
  /** What the file was recognised as; undefined when it is none of stridelint's kinds. */
  kind?: FileKind;
  findings: Finding[];
  /** Findings another tool's pragma suppressed (each with `suppression`): reported as suppressed, not as findings. */
  suppressed?: Finding[];
  /** Set when the file was not analysed at all, with the reason. */
  skipped?: string;
  /** The file's facts, when asked for (`LintOptions.facts`) and the kind has any. */
  facts?: FileFacts;
}

const BOM = '\uFEFF';

/** Lints one file's text. Pure: no file system, no LSP; the same call serves the CLI, the server and tests. */
export function lint(text: string, path: string, options: LintOptions): Finding[] {
  return lintFile(text, path, options).findings;
}

export function lintFile(rawText: string, path: string, options: LintOptions): LintResult {
  // Helm templates make the YAML parser build thousands of error objects; capturing a stack trace for each
  // was a third of a workspace scan (cpu profile). Findings never show stacks, so none are captured meanwhile.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return lintWithoutStacks(rawText, path, options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function lintWithoutStacks(rawText: string, path: string, options: LintOptions): LintResult {
  const config = options.config ?? emptyConfig();
  // Editors hide a BOM and count columns without it; so do we.
  const text = rawText.startsWith(BOM) ? rawText.slice(1) : rawText;
  const kind = options.kind ?? detectKind(path, text, { languageId: options.languageId, kindGlobs: config.files, relativePath: path });
  if (!kind) return { findings: [] };
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const fixMode = options.fixes ?? 'eager';
  const builtin = (meta: RuleMeta, span: Span, message: string, severity?: Severity): Finding => {
    const setting = effectiveRuleSetting(config, path, meta);
    return { ruleId: meta.id, kind: 'any', stride: meta.stride, severity: setting.configured && setting.severity !== 'off' ? setting.severity : (severity ?? meta.severity), message, range: lines.rangeOf(span), fixes: [] };
  };
  const skipped = skipReason(text, config);
  if (skipped) {
    return { kind, skipped, findings: isBuiltinOff(config, path, NOT_ANALYSED) ? [] : [builtin(NOT_ANALYSED, { start: 0, end: 0 }, `Not analysed: ${skipped}.`)] };
  }

  const outcome = (options.parse ?? parseModel)(kind, text, path);
  for (const problem of outcome.problems) {
    const meta = problemMeta(problem);
    if (!isBuiltinOff(config, path, meta)) findings.push(builtin(meta, problem.span, problem.message, problem.severity));
  }

  const model = outcome.model;
  const facts = options.facts || options.workspaceWithFacts ? fileFactsOf(kind, model, text, path, lines) : undefined;
  const workspace = options.workspaceWithFacts ? options.workspaceWithFacts(facts) : (options.workspace ?? {});
  const ruleList = options.rules;
  const run = (ruleKind: FileKind, ruleModel: unknown, embedded?: EmbeddedModel) => {
    const rules = rulesOfKind(ruleList, ruleKind);
    const settings = ruleSettings(config, path, ruleList, rules);
    // One context and one report list for every rule of the file (a rule reads its context while it checks and
    // keeps nothing of it but the model, text and lines, which are the same for all): 1 in 25 bytes a lint
    // allocated were these, built again for each of ~190 rules per file.
    const reports: ReportDescriptor[] = [];
    const context: { -readonly [K in keyof RuleContext<unknown>]: RuleContext<unknown>[K] } = {
      model: ruleModel,
      text,
      path,
      lines,
      options: {},
      workspace,
      report: (descriptor) => reports.push(descriptor),
    };
    const made: FindingsOfReports = { kind: ruleKind, embedded, lines, text, fixMode, findings };
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      const setting = settings[index];
      if (setting.severity === 'off') continue;
      context.options = setting.options;
      // Most rules report nothing: setting an array's length is a call into the runtime (≈ 0.1 µs), even to 0 on an empty one.
      if (reports.length > 0) reports.length = 0;
      try {
        (rule as Rule<FileKind>).check(context as RuleContext<never>);
      } catch (error) {
        if (!isBuiltinOff(config, path, INTERNAL_ERROR)) {
          findings.push(builtin(INTERNAL_ERROR, { start: 0, end: 0 }, `Rule ${rule.meta.id} failed on this file (${describeError(error)}); its check was skipped, the other rules ran.`));
        }
        continue;
      }
      if (reports.length > 0) addFindings(made, rule.meta, setting, reports);
    }
  };
  if (model !== undefined) {
    run(kind, model);
    // Settings of another kind written in this file (dockerd flags in a unit): judged by that kind's rules.
    for (const embedded of embeddedModels(kind, model, text)) run(embedded.kind, embedded.model, embedded);
  }
  // A Dockerfile's findings name the compose services that build it (the findings are theirs too).
  const builtBy = kind === 'dockerfile' && workspace.index ? builtByRelated(workspace.index, path) : [];
  if (builtBy.length > 0) for (const finding of findings) if (finding.kind === 'dockerfile') finding.related = [...(finding.related ?? []), ...builtBy];

  let result = COMMENTABLE_KINDS.has(kind) ? applySuppressions(findings, lines, config, path, ruleList, fixMode !== 'none') : findings;
  let suppressed: Finding[] = [];
  if (COMMENTABLE_KINDS.has(kind) && config.foreignSuppressions !== false) {
    // Built only when the file has another tool's pragma (the function asks nothing otherwise).
    let metas: Map<string, RuleMeta> | undefined;
    ({ kept: result, suppressed } = applyForeignSuppressions(result, text, kind, lines, (id) => (metas ??= new Map(ruleList.map((rule) => [rule.meta.id, rule.meta]))).get(id)));
    suppressed.sort(compareFindings);
  }
  result.sort(compareFindings);
  if (options.fingerprints) {
    const parsed = { ...parsedTrees(kind, model), lines };
    for (const list of [result, suppressed]) fingerprintFindings(text, kind, list, parsed).forEach((fingerprint, index) => (list[index].fingerprint = fingerprint));
  }
  return { kind, findings: result, ...(suppressed.length ? { suppressed } : {}), ...(options.facts && facts ? { facts } : {}) };
}

/** Each rule list's rules by kind, sorted out once per list (every lint of every file asks). */
const rulesByKind = new WeakMap<readonly Rule[], Map<FileKind, Rule[]>>();
const NO_RULES: Rule[] = [];

function rulesOfKind(rules: readonly Rule[], kind: FileKind): Rule[] {
  let byKind = rulesByKind.get(rules);
  if (!byKind) rulesByKind.set(rules, (byKind = groupedByKind(rules)));
  return byKind.get(kind) ?? NO_RULES;
}

/** Every kind's rules at once, in the list's order: sorted out when a kind was first linted, the lint loop (optimised by then) met a new kind's code and was thrown away. */
function groupedByKind(rules: readonly Rule[]): Map<FileKind, Rule[]> {
  const byKind = new Map<FileKind, Rule[]>();
  for (const rule of rules) {
    const ofKind = byKind.get(rule.meta.kind);
    if (ofKind) ofKind.push(rule);
    else byKind.set(rule.meta.kind, [rule]);
  }
  return byKind;
}

/**
 * Each configuration's settings of a kind's rules, in the rules' order: a configuration without overrides says
 * the same for every path, so its settings are worked out once (they were 1 in 16 bytes a scan's lints
 * allocated, asked per rule and file), for every kind of the rule list at once (a kind first met later in a
 * run took the optimised lint loop down a path it had not compiled). A configuration is not changed once a lint has read it.
 */
const settingsByConfig = new WeakMap<StridelintConfig, Map<readonly Rule[], EffectiveRuleSetting[]>>();

function ruleSettings(config: StridelintConfig, path: string, ruleList: readonly Rule[], rules: readonly Rule[]): EffectiveRuleSetting[] {
  if (config.overrides.length > 0) return settingsOf(config, path, rules);
  let byRules = settingsByConfig.get(config);
  if (!byRules) settingsByConfig.set(config, (byRules = new Map()));
  let settings = byRules.get(rules);
  if (!settings) {
    for (const ofKind of [rules, ...rulesByKind.get(ruleList)!.values()]) byRules.set(ofKind, settingsOf(config, path, ofKind));
    settings = byRules.get(rules)!;
  }
  return settings;
}

function settingsOf(config: StridelintConfig, path: string, rules: readonly Rule[]): EffectiveRuleSetting[] {
  return rules.map((rule) => effectiveRuleSetting(config, path, rule.meta));
}

function parsedTrees(kind: FileKind, model: unknown): ParsedForFingerprints {
  if (model === undefined) return {};
  if (kind === 'dockerfile') return { dockerfile: (model as ModelOf<'dockerfile'>).ast };
  if (kind === 'compose') return { yamlDocuments: [(model as ModelOf<'compose'>).document] };
  if (kind === 'kubernetes') return { yamlDocuments: (model as ModelOf<'kubernetes'>).documents };
  return {};
}

function skipReason(text: string, config: StridelintConfig): string | undefined {
  if (text.length > config.maxFileSize) return `the file is larger than ${config.maxFileSize} bytes (set maxFileSize in .stridelint.yaml to lint it)`;
  if (text.includes('\u0000')) return 'the file contains NUL bytes, so it is binary, not text';
  return undefined;
}

function problemMeta(problem: ModelProblem): RuleMeta {
  if (problem.ruleId === 'stridelint/not-analysed') return NOT_ANALYSED;
  if (problem.ruleId === 'stridelint/internal-error') return INTERNAL_ERROR;
  return PARSE_ERROR;
}

function isBuiltinOff(config: StridelintConfig, path: string, meta: RuleMeta): boolean {
  return effectiveRuleSetting(config, path, meta).severity === 'off';
}

function applySuppressions(findings: Finding[], lines: LineIndex, config: StridelintConfig, path: string, rules: readonly Rule[], withFixes: boolean): Finding[] {
  const suppressions = parseSuppressions(lines);
  if (suppressions.length === 0) return findings;
  const knownRuleIds = new Set(rules.map((rule) => rule.meta.id));
  const kept = findings.filter((finding) => !isSuppressed(suppressions, finding.ruleId, finding.range.start.line));
  const reportUnused = !isBuiltinOff(config, path, UNUSED_SUPPRESSION);
  const reportInvalid = !isBuiltinOff(config, path, INVALID_SUPPRESSION);
  const makeFinding = (meta: RuleMeta, span: Span, message: string, fixes: Fix[] = []): Finding => {
    const setting = effectiveRuleSetting(config, path, meta);
    return { ruleId: meta.id, kind: 'any', stride: meta.stride, severity: setting.severity === 'off' ? meta.severity : setting.severity, message, range: lines.rangeOf(span), fixes };
  };
  for (const suppression of suppressions) {
    if (suppression.ruleIds.length === 0 && reportInvalid) {
      kept.push(makeFinding(INVALID_SUPPRESSION, suppression.commentSpan, 'This suppression comment names no rule id, so it suppresses nothing.'));
      continue;
    }
    const unknown = suppression.ruleIds.filter((entry) => !knownRuleIds.has(entry.id) && !entry.id.startsWith('stridelint/'));
    if (reportInvalid) {
      for (const entry of unknown) kept.push(makeFinding(INVALID_SUPPRESSION, entry.span, `Unknown rule "${entry.id}" in a suppression comment; it suppresses nothing.`));
    }
    if (!reportUnused) continue;
    const unused = suppression.ruleIds.filter((entry) => !entry.used && knownRuleIds.has(entry.id) && !isRuleOff(config, path, rules, entry.id));
    const allUnused = unused.length === suppression.ruleIds.length;
    for (const entry of unused) {
      const fixes: Fix[] = allUnused && withFixes ? [{ title: 'Remove the unused suppression comment', safe: true, edits: [{ range: lines.rangeOf(removalSpan(lines, suppression)), newText: '' }] }] : [];
      const where = suppression.scope === 'file' ? 'in this file' : 'on the next line';
      kept.push(makeFinding(UNUSED_SUPPRESSION, entry.span, `Suppression of ${entry.id} is unused: the rule reports nothing ${where}.`, fixes));
    }
  }
  return kept;
}

function isRuleOff(config: StridelintConfig, path: string, rules: readonly Rule[], ruleId: string): boolean {
  const rule = rules.find((candidate) => candidate.meta.id === ruleId);
  return rule !== undefined && effectiveRuleSetting(config, path, rule.meta).severity === 'off';
}

/** A comment-only line goes with its line break; a trailing comment goes with the blanks before it. */
function removalSpan(lines: LineIndex, suppression: { line: number; commentSpan: Span; wholeLine: boolean }): Span {
  if (suppression.wholeLine) {
    const start = lines.lineStart(suppression.line);
    const end = suppression.line + 1 < lines.lineCount ? lines.lineStart(suppression.line + 1) : lines.lineEnd(suppression.line);
    return { start, end };
  }
  let start = suppression.commentSpan.start;
  while (start > 0 && /[ \t]/.test(lines.text[start - 1])) start--;
  return { start, end: suppression.commentSpan.end };
}

/** What a rule's reports become findings with: the file's, and the kind of rules that judged it. */
interface FindingsOfReports {
  kind: FileKind;
  embedded: EmbeddedModel | undefined;
  lines: LineIndex;
  text: string;
  fixMode: 'eager' | 'lazy' | 'none';
  findings: Finding[];
}

/**
 * A rule's reports as findings, added to `made.findings`. Out of the loop over rules: reports and metadata come
 * in many shapes, and each one the loop's optimised code had not seen threw it away (3 of its 4 compiles per cold pass).
 */
function addFindings(made: FindingsOfReports, meta: RuleMeta, setting: EffectiveRuleSetting, reports: readonly ReportDescriptor[]): void {
  const { kind, embedded, lines, text, fixMode, findings } = made;
  // An index, not `for…of`: an unoptimised loop makes an iterator.
  for (let at = 0; at < reports.length; at++) {
    const report = reports[at];
    const severity = setting.configured ? setting.severity : (report.severity ?? meta.severity);
    const span = embedded ? embedded.mapSpan(report.span) : report.span;
    const specs = report.fixes;
    const later = typeof specs === 'function' && fixMode === 'lazy';
    const finding = {
      ruleId: meta.id,
      kind,
      stride: meta.stride,
      severity,
      message: embedded?.describe ? `${report.message.replace(/\.$/, '')} (written as \`${embedded.describe(span).replace(/\s+/g, ' ')}\`).` : report.message,
      range: lines.rangeOf(clampSpan(span, text.length)),
    } as Finding;
    // Defined here, so that a lazy finding's keys come in the same order as an eager one's.
    if (later) lazyFixes(finding, () => toFixes(specs, lines, text.length));
    else finding.fixes = fixMode === 'none' || specs === undefined ? [] : toFixes(specs, lines, text.length);
    if (report.data) finding.data = report.data;
    if (report.related?.length) finding.related = report.related;
    findings.push(finding);
  }
}

/** A report's fixes as findings carry them; a function that throws gives none (a rule's bug never stops a code action). */
function toFixes(specs: FixSpec[] | (() => FixSpec[]), lines: LineIndex, length: number): Fix[] {
  let list: FixSpec[];
  try {
    list = typeof specs === 'function' ? specs() : specs;
  } catch {
    return [];
  }
  return list.flatMap((fix) => toFix(fix, lines, length));
}

function toFix(spec: FixSpec, lines: LineIndex, length: number): Fix[] {
  const edits = [...spec.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    if (edit.start < 0 || edit.end > length || edit.start > edit.end) return [];
    if (i > 0 && edit.start < edits[i - 1].end) return []; // overlapping edits: a rule bug, never applied
  }
  return [{ title: spec.title, safe: spec.safe, edits: edits.map((edit) => ({ range: lines.rangeOf(edit), newText: edit.newText })), ...(spec.newFiles ? { newFiles: spec.newFiles } : {}) }];
}

function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}


export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}
