import { ALL_RULES } from '../../rules';
import { effectiveRuleSetting, type StridelintConfig } from '../../rules/engine';

/** One row per rule: the severity in force for `path` and the configuration key or preset it came from. */
export function effectiveRules(config: StridelintConfig, path: string): Array<{ id: string; severity: string; origin: string }> {
  return ALL_RULES.map((rule) => {
    const setting = effectiveRuleSetting(config, path, rule.meta);
    return { id: rule.meta.id, severity: setting.severity, origin: setting.origin };
  });
}

/** `stridelint rules --effective`: a Markdown table, or JSON with `--format json`. */
export function formatEffectiveRules(config: StridelintConfig, path: string, format: 'json' | 'markdown'): string {
  const rows = effectiveRules(config, path);
  const source = config.source ?? '(no .stridelint.yaml: defaults)';
  if (format === 'json') return `${JSON.stringify({ config: source, rules: rows }, null, 2)}\n`;
  return [`Effective rule settings (${source}):`, '', '| rule | severity | from |', '| --- | --- | --- |', ...rows.map((row) => `| \`${row.id}\` | ${row.severity} | ${row.origin} |`)].join('\n') + '\n';
}
