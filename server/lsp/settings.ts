import { STRIDE_CATEGORIES, matchesAnyGlob, type Finding, type SeveritySetting, type Stride, type StridelintConfig } from '../../rules/engine';
import { closest } from '../../rules/engine/config';

/** The `stridelint.*` settings, as the server reads them through `workspace/configuration` per resource. */
export interface ServerSettings {
  enable: boolean;
  /** Per-rule severity, on top of `.stridelint.yaml` (the editor's choice wins). */
  rules: Record<string, SeveritySetting>;
  /** `false` hides a STRIDE category's findings in this editor. */
  categories: Partial<Record<Stride, boolean>>;
  /** Globs (relative to the workspace folder) never linted by the workspace scan. */
  exclude: string[];
  /** A configuration file to use instead of the nearest `.stridelint.yaml` (relative to the workspace folder). */
  configFile?: string;
  /** Findings the configured baseline holds: shown as hints, or hidden. */
  baselinedFindings: 'hint' | 'hide';
  /** `stridelint.scan.workers`: worker threads of the workspace scan (0 or 1: the server's thread; unset: min(cores, 4)). */
  scanWorkers?: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, rules: {}, categories: {}, exclude: [], configFile: undefined, baselinedFindings: 'hint' };
const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'];

/**
 * Reads raw settings without trusting their shape: what is malformed is left at its default and explained
 * in `problems` (one sentence each), never thrown.
 */
export function parseSettings(raw: unknown, knownRuleIds: ReadonlySet<string>): { settings: ServerSettings; problems: string[] } {
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, rules: {}, categories: {}, exclude: [] };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['The "stridelint" settings must be an object; the defaults are used.'] };
  const value = raw as Record<string, unknown>;
  if (value.enable !== undefined) {
    if (typeof value.enable === 'boolean') settings.enable = value.enable;
    else problems.push('"stridelint.enable" must be true or false; stridelint stays enabled.');
  }
  if (value.rules !== undefined && value.rules !== null) {
    if (typeof value.rules !== 'object' || Array.isArray(value.rules)) problems.push('"stridelint.rules" must map rule ids to off, info, warning or error; it is ignored.');
    else {
      for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) {
          const suggestion = closest(id, knownRuleIds);
          problems.push(`"stridelint.rules" names an unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; it is ignored.`);
        } else if (typeof severity !== 'string' || !SEVERITY_SETTINGS.includes(severity)) {
          problems.push(`"stridelint.rules" sets ${id} to ${JSON.stringify(severity)}; use off, info, warning or error. It is ignored.`);
        } else settings.rules[id] = severity as SeveritySetting;
      }
    }
  }
  if (value.categories !== undefined && value.categories !== null) {
    if (typeof value.categories !== 'object' || Array.isArray(value.categories)) problems.push('"stridelint.categories" must map STRIDE categories to true or false; it is ignored.');
    else {
      for (const [category, on] of Object.entries(value.categories as Record<string, unknown>)) {
        if (!(STRIDE_CATEGORIES as readonly string[]).includes(category)) problems.push(`"stridelint.categories" names an unknown category "${category}" (one of ${STRIDE_CATEGORIES.join(', ')}); it is ignored.`);
        else if (typeof on !== 'boolean') problems.push(`"stridelint.categories.${category}" must be true or false; it is ignored.`);
        else settings.categories[category as Stride] = on;
      }
    }
  }
  if (value.exclude !== undefined && value.exclude !== null) {
    if (!Array.isArray(value.exclude) || value.exclude.some((glob) => typeof glob !== 'string')) problems.push('"stridelint.exclude" must be a list of glob strings; it is ignored.');
    else settings.exclude = value.exclude as string[];
  }
  if (value.configFile !== undefined && value.configFile !== null && value.configFile !== '') {
    if (typeof value.configFile !== 'string') problems.push('"stridelint.configFile" must be a path; the nearest .stridelint.yaml is used.');
    else settings.configFile = value.configFile;
  }
  if (value.baselinedFindings !== undefined && value.baselinedFindings !== null) {
    if (value.baselinedFindings === 'hint' || value.baselinedFindings === 'hide') settings.baselinedFindings = value.baselinedFindings;
    else problems.push('"stridelint.baselinedFindings" must be "hint" or "hide"; baselined findings are shown as hints.');
  }
  const scan = value.scan as { workers?: unknown } | undefined;
  if (scan !== undefined && scan !== null && scan.workers !== undefined && scan.workers !== null) {
    if (Number.isInteger(scan.workers) && (scan.workers as number) >= 0 && (scan.workers as number) <= 64) settings.scanWorkers = scan.workers as number;
    else problems.push('"stridelint.scan.workers" must be a whole number from 0 to 64; the default (the number of cores, at most 4) is used.');
  }
  return { settings, problems };
}

/** The `files.exclude` setting (`{ glob: true }`) as a list of globs. */
export function filesExcludeGlobs(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** Whether a path relative to its workspace folder, or one of its parent folders, matches a glob. */
export function isExcludedPath(relativePath: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const parts = relativePath.split('/');
  for (let length = parts.length; length > 0; length--) {
    if (matchesAnyGlob(parts.slice(0, length).join('/'), globs)) return true;
  }
  return false;
}

/**
 * Each configuration with each settings object's severities, made once: the same object for every file of a
 * folder, so a scan sends it to its workers once and the engine's per-configuration caches hit (neither a
 * configuration nor parsed settings change once made).
 */
const withSettingsMade = new WeakMap<StridelintConfig, WeakMap<ServerSettings, StridelintConfig>>();

/** The config in force with the editor's per-rule severities applied on top. */
export function withSettings(config: StridelintConfig, settings: ServerSettings): StridelintConfig {
  if (Object.keys(settings.rules).length === 0) return config;
  let bySettings = withSettingsMade.get(config);
  if (!bySettings) withSettingsMade.set(config, (bySettings = new WeakMap()));
  let made = bySettings.get(settings);
  if (!made) {
    const rules = { ...config.rules };
    for (const [id, severity] of Object.entries(settings.rules)) rules[id] = { ...rules[id], severity };
    bySettings.set(settings, (made = { ...config, rules }));
  }
  return made;
}

/** Whether the settings turn a STRIDE category off (filterCategories drops some findings). */
export function filtersCategories(settings: ServerSettings): boolean {
  return Object.values(settings.categories).includes(false);
}

/** Drops findings of categories the editor hides; stridelint's own findings (parse errors…) always show. */
export function filterCategories(findings: Finding[], settings: ServerSettings): Finding[] {
  if (!filtersCategories(settings)) return findings;
  return findings.filter((finding) => finding.ruleId.startsWith('stridelint/') || settings.categories[finding.stride] !== false);
}
