import { lint as lintWith, lintFile as lintFileWith, type LintOptions, type LintResult } from './engine/lint';
import { lintChart as lintChartWith, type ChartLintOptions, type ChartLintResult } from './engine/chart/lint-chart';
import type { Finding } from './engine/types';
import { lintKustomizations as lintKustomizationsWith, type KustomizeLintOptions, type KustomizeLintResult } from './engine/kustomize/lint-kustomizations';
import type { SourceSet } from './models/helm/source-map';
import { ALL_RULES } from './index';

/** Lint options where the rules default to the registry's. */
export type RegistryLintOptions = Omit<LintOptions, 'rules'> & Partial<Pick<LintOptions, 'rules'>>;

/** `lintFile` with every registered rule unless the caller names its own (the engine itself knows no rule). */
export function lintFile(text: string, path: string, options: RegistryLintOptions = {}): LintResult {
  return lintFileWith(text, path, { ...options, rules: options.rules ?? ALL_RULES });
}

export function lint(text: string, path: string, options: RegistryLintOptions = {}): Finding[] {
  return lintWith(text, path, { ...options, rules: options.rules ?? ALL_RULES });
}

/** `lintKustomizations` with every registered rule unless the caller names its own. */
export function lintKustomizations(sources: SourceSet, options: Partial<KustomizeLintOptions> = {}): KustomizeLintResult {
  return lintKustomizationsWith(sources, { ...options, rules: options.rules ?? ALL_RULES });
}

/** `lintChart` with every registered rule unless the caller names its own. */
export function lintChart(sources: SourceSet, root: string, options: Omit<ChartLintOptions, 'rules'> & Partial<Pick<ChartLintOptions, 'rules'>>): ChartLintResult {
  return lintChartWith(sources, root, { ...options, rules: options.rules ?? ALL_RULES });
}
