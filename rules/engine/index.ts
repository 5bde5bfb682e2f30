/** The engine's public surface: adapters (CLI, language server, report) import from here. */
export * from './types';
export { lint, lintFile, compareFindings, type LintOptions, type LintResult } from './lint';
export { LineIndex } from './line-index';
export { detectKind, detectKindOf, isDockerfileName, isComposeName, baseName } from './detect-kind';
export { applyEdits, applyFixes, selectFixes } from './fixes';
export { lazyFixes, fixesPending } from './lazy-fixes';
export {
  parseConfig,
  emptyConfig,
  isIgnored,
  effectiveRuleSetting,
  relativeToConfig,
  formatConfigError,
  ConfigurationError,
  DEFAULT_MAX_FILE_SIZE,
  type StridelintConfig,
  type ConfigError,
  type RuleSetting,
} from './config';
export { matchesGlob, matchesAnyGlob } from './glob';
export { BUILTIN_RULES } from './builtin-rules';
export type { Rule, RuleContext, WorkspaceFacts } from './rule';
export type { KindContent } from './detect-kind';
export type { FactsView, Located } from '../facts/workspace-facts';
export type * from '../facts/file-facts';
export { FactsIndex, factKeys, namespaceOf } from '../facts/facts-index';
export { hostWorkspaceFacts } from '../facts/host-facts';
export { factsOfFile, factsKindOf, indexOfTexts, type FactsOptions } from './file-facts';
export { parseSuppressions } from './suppression';
export { ruleDocsPath, ruleDocsUrl, DOCS_BASE_URL } from './docs-location';
export { formatReference, referenceTags } from './references';
export { fingerprintFindings, FINGERPRINT_VERSION } from './fingerprint';
export {
  parseBaseline,
  serializeBaseline,
  compareWithBaseline,
  BaselineMatcher,
  BaselineError,
  BASELINE_FORMAT_VERSION,
  DEFAULT_BASELINE_FILE,
  type Baseline,
  type BaselineEntry,
  type BaselineCandidate,
  type BaselineComparison,
} from './baseline';
export { lintChart, describeValues, isValuesFileCopy, type ChartLintOptions, type ChartLintResult, type ChartRenderer } from './chart/lint-chart';
export { helmRenderer, incrementalHelmRenderer } from './chart/default-renderer';
export { TemplateLintCache } from './chart/template-lint-cache';
export { helmRenderOptions } from './chart/render-options';
export { applyUnitFixes, editsByFile } from './units/unit-fixes';
export { splitArchivePath, isArchivePath } from './chart/archive-path';
