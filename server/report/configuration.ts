import { STRIDE_CATEGORIES, type SeveritySetting, type StridelintConfig } from '../../rules/engine';
import { findRuleMeta } from '../../rules';
import type { ReportConfiguration, RuleChange } from './model';

/**
 * What the config files used by a run (deduplicated by source) and `--rule` flags change from the defaults;
 * `display` turns a config file's absolute path into the one to print.
 */
export function describeConfiguration(
  configs: readonly StridelintConfig[],
  commandLine: Readonly<Record<string, SeveritySetting>> = {},
  display: (source: string) => string = (source) => source,
): ReportConfiguration {
  const seen = new Set<string>();
  const result: ReportConfiguration = { sources: [], ruleChanges: [], categoriesOff: [], ignore: [] };
  for (const config of configs) {
    if (!config.source || seen.has(config.source)) continue;
    seen.add(config.source);
    const source = display(config.source);
    result.sources.push(source);
    const changes = (rules: StridelintConfig['rules'] | undefined, files?: string[]) => {
      for (const [ruleId, setting] of Object.entries(rules ?? {})) {
        if (setting.severity === undefined || commandLine[ruleId] !== undefined) continue;
        const change = ruleChange(ruleId, setting.severity, source, files);
        if (change) result.ruleChanges.push(change);
      }
    };
    changes(config.rules);
    for (const override of config.overrides) changes(override.rules, override.files);
    for (const stride of STRIDE_CATEGORIES) {
      if (config.categories[stride] === false) result.categoriesOff.push({ stride, source });
      for (const override of config.overrides) {
        if (override.categories?.[stride] === false) result.categoriesOff.push({ stride, source, files: override.files });
      }
    }
    for (const pattern of config.ignore) result.ignore.push({ pattern, source });
  }
  for (const [ruleId, setting] of Object.entries(commandLine)) {
    const change = ruleChange(ruleId, setting, 'command line');
    if (change) result.ruleChanges.push(change);
  }
  return result;
}

/** A setting that equals the rule's default is no change, and is left out. */
function ruleChange(ruleId: string, setting: SeveritySetting, source: string, files?: string[]): RuleChange | undefined {
  const meta = findRuleMeta(ruleId);
  const defaultSetting: SeveritySetting | undefined = meta ? (meta.enabledByDefault === false ? 'off' : meta.severity) : undefined;
  if (setting === defaultSetting && !files) return undefined;
  return { ruleId, setting, ...(meta ? { defaultSeverity: meta.severity } : {}), source, ...(files ? { files } : {}) };
}
