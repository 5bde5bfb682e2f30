import { parseDocument, type Node } from 'yaml';
import { isMap, isScalar } from '../models/yaml-nodes';
import { validate as validateConfigSchema } from '../schemas/generated/config.validator';
import type { FileKind, Severity, SeveritySetting, Stride } from './types';
import { STRIDE_CATEGORIES } from './types';
import { matchesAnyGlob } from './glob';
import { LineIndex } from './line-index';
import { findProfile, type ProfileSetting } from './profiles';

/** One rule's configured setting. */
export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface ConfigOverride {
  files: string[];
  rules?: Record<string, RuleSetting>;
  categories?: Partial<Record<Stride, boolean>>;
}

/** `.stridelint.yaml` `helm:`: how charts are rendered (defaults are `helm template`'s). */
export interface HelmConfig {
  /** Chart folder glob → values files (relative to the chart folder), applied after the chart's values.yaml. */
  valuesFiles?: Record<string, string[]>;
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

/** `.stridelint.yaml` `kustomize:`: how kustomizations are built for linting. */
export interface KustomizeConfig {
  /** kustomize's `--load-restrictor`; stridelint's default is `none` (see the README's "Kustomize overlays"). */
  loadRestrictions?: 'rootOnly' | 'none';
}

/** `.stridelint.yaml`, validated and normalised. Globs are relative to `baseDir`. */
export interface StridelintConfig {
  /** Folder the config file lives in (forward slashes); globs are relative to it. Empty = the linted paths as given. */
  baseDir: string;
  /** Where it came from, for messages. */
  source?: string;
  rules: Record<string, RuleSetting>;
  categories: Partial<Record<Stride, boolean>>;
  ignore: string[];
  files: Partial<Record<FileKind, string[]>>;
  overrides: ConfigOverride[];
  maxFileSize: number;
  /** What the `extends:` presets say per rule, with the preset that said it last. */
  profile?: Record<string, { severity: ProfileSetting; origin: string }>;
  /** Honour other tools' suppression pragmas (`suppressions.foreign`, default true). */
  foreignSuppressions: boolean;
  /** The baseline file (`baseline:`), resolved against `baseDir`; adapters read it. */
  baseline?: string;
  helm: HelmConfig;
  kustomize?: KustomizeConfig;
}

export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

export function emptyConfig(baseDir = ''): StridelintConfig {
  return { baseDir, rules: {}, categories: {}, ignore: [], files: {}, overrides: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, foreignSuppressions: true, helm: {} };
}

/** A configuration mistake, with the place it was made (1-based line and column, when known). */
export interface ConfigError {
  source: string;
  message: string;
  /** JSON-pointer-like path of the offending key, e.g. `/rules/dockerfile~1no-root-user`. */
  pointer: string;
  line?: number;
  column?: number;
}

export class ConfigurationError extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(errors.map(formatConfigError).join('\n'));
    this.name = 'ConfigurationError';
  }
}

export function formatConfigError(error: ConfigError): string {
  const where = error.line !== undefined ? `${error.source}:${error.line}:${error.column ?? 1}` : error.source;
  return `${where}: ${error.message}`;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Parses and validates a configuration file's text. Throws a ConfigurationError that names the file,
 * the key and what is allowed; a config is never silently ignored.
 */
export function parseConfig(text: string, source: string, baseDir: string, knownRuleIds: ReadonlySet<string>): StridelintConfig {
  const lines = new LineIndex(text);
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const position = lines.positionAt(error.pos[0]);
    throw new ConfigurationError([{ source, pointer: '', message: `not valid YAML: ${error.message.split('\n')[0]}`, line: position.line + 1, column: position.character + 1 }]);
  }
  const value = (document.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  const locate = (pointer: string): { line?: number; column?: number } => {
    const node = nodeAtPointer(document.contents as Node | null, pointer);
    if (!node?.range) return {};
    const position = lines.positionAt(node.range[0]);
    return { line: position.line + 1, column: position.character + 1 };
  };
  if (!validateConfigSchema(value)) {
    const errors = explainSchemaErrors((validateConfigSchema as unknown as { errors: AjvError[] }).errors ?? []);
    throw new ConfigurationError(errors.map((error) => ({ source, ...error, ...locate(error.pointer) })));
  }
  const raw = value as {
    rules?: Record<string, SeveritySetting | RuleSetting>;
    categories?: Partial<Record<Stride, boolean>>;
    ignore?: string[];
    files?: Partial<Record<FileKind, string[]>>;
    overrides?: Array<{ files: string[]; rules?: Record<string, SeveritySetting | RuleSetting>; categories?: Partial<Record<Stride, boolean>> }>;
    maxFileSize?: number;
    baseline?: string;
    suppressions?: { foreign?: boolean };
    extends?: string | string[];
    helm?: HelmConfig;
    kustomize?: KustomizeConfig;
  };
  const unknownRules: ConfigError[] = [];
  const normaliseRules = (rules: Record<string, SeveritySetting | RuleSetting> | undefined, pointerPrefix: string): Record<string, RuleSetting> => {
    const result: Record<string, RuleSetting> = {};
    for (const [id, setting] of Object.entries(rules ?? {})) {
      if (!knownRuleIds.has(id)) {
        const pointer = `${pointerPrefix}/${escapePointer(id)}`;
        const suggestion = closest(id, knownRuleIds);
        unknownRules.push({ source, pointer, message: `unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; \`stridelint rules\` lists them.`, ...locate(pointer) });
        continue;
      }
      result[id] = typeof setting === 'string' ? { severity: setting } : setting;
    }
    return result;
  };
  const config: StridelintConfig = {
    baseDir,
    source,
    rules: normaliseRules(raw.rules, '/rules'),
    categories: raw.categories ?? {},
    ignore: raw.ignore ?? [],
    files: raw.files ?? {},
    overrides: (raw.overrides ?? []).map((override, index) => ({
      files: override.files,
      rules: normaliseRules(override.rules, `/overrides/${index}/rules`),
      categories: override.categories,
    })),
    maxFileSize: raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    foreignSuppressions: raw.suppressions?.foreign ?? true,
    ...(raw.extends !== undefined ? { profile: resolveProfiles(typeof raw.extends === 'string' ? [raw.extends] : raw.extends, knownRuleIds) } : {}),
    ...(raw.baseline ? { baseline: resolveAgainst(baseDir, raw.baseline) } : {}),
    helm: raw.helm ?? {},
    ...(raw.kustomize ? { kustomize: raw.kustomize } : {}),
  };
  if (unknownRules.length > 0) throw new ConfigurationError(unknownRules);
  return config;
}

/** The presets folded in order: a later preset's word on a rule replaces an earlier one's. */
function resolveProfiles(ids: readonly string[], knownRuleIds: ReadonlySet<string>): Record<string, { severity: ProfileSetting; origin: string }> {
  const result: Record<string, { severity: ProfileSetting; origin: string }> = {};
  const ruleIds = [...knownRuleIds].filter((id) => !id.startsWith('stridelint/'));
  for (const id of ids) {
    const profile = findProfile(id);
    if (!profile) continue; // the schema already rejected unknown names
    for (const ruleId of ruleIds) {
      const setting = profile.rules[ruleId] ?? (profile.unlisted === 'keep' ? undefined : profile.unlisted);
      if (setting !== undefined) result[ruleId] = { severity: setting, origin: profile.id };
    }
  }
  return result;
}

/** A path from the config, against the config's folder (no node:path here: the engine stays portable). */
function resolveAgainst(baseDir: string, path: string): string {
  const posix = path.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[A-Za-z]:\//.test(posix) || !baseDir) return posix;
  return `${baseDir.replace(/\/$/, '')}/${posix.replace(/^\.\//, '')}`;
}

function explainSchemaErrors(errors: AjvError[]): Array<{ pointer: string; message: string }> {
  // oneOf/anyOf wrap the useful error: keep the most specific one per location.
  const specific = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf');
  const seen = new Set<string>();
  const result: Array<{ pointer: string; message: string }> = [];
  for (const error of specific.length > 0 ? specific : errors) {
    let pointer = error.instancePath;
    let message: string;
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      pointer = `${pointer}/${escapePointer(key)}`;
      message = `unknown key "${key}"${pointer.split('/').length > 2 ? ` under "${displayPointer(error.instancePath)}"` : ''}`;
    } else if (error.keyword === 'enum') {
      const allowed = (error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      message = `"${displayPointer(pointer)}" must be one of ${allowed}`;
    } else if (error.keyword === 'type') {
      message = `"${displayPointer(pointer) || '(top level)'}" must be ${String(error.params.type)}`;
    } else {
      message = `"${displayPointer(pointer) || '(top level)'}" ${error.message ?? 'is invalid'}`;
    }
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    result.push({ pointer, message });
  }
  return result;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function displayPointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function nodeAtPointer(root: Node | null, pointer: string): Node | undefined {
  let node: Node | null | undefined = root;
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const part of parts) {
    if (isMap(node)) {
      const pair: { key: unknown; value: unknown } | undefined = node.items.find((item) => isScalar(item.key) && String(item.key.value) === part);
      if (!pair) return node;
      // Point at the key: that is what the user has to change.
      node = parts[parts.length - 1] === part ? (pair.key as Node) : (pair.value as Node);
    } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      node = (node as { items: Node[] }).items[Number(part)];
    } else {
      return node ?? undefined;
    }
  }
  return node ?? undefined;
}

/** The nearest id by edit distance, when it is close enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** Path of a file relative to the config's folder, with forward slashes; undefined when outside it. */
export function relativeToConfig(config: StridelintConfig, path: string): string | undefined {
  const normalized = path.replace(/\\/g, '/');
  if (!config.baseDir) return normalized.replace(/^\.\//, '');
  const base = config.baseDir.replace(/\\/g, '/').replace(/\/$/, '');
  if (normalized === base) return '';
  if (normalized.startsWith(`${base}/`)) return normalized.slice(base.length + 1);
  return undefined;
}

/** Whether configuration excludes a path from linting altogether. */
export function isIgnored(config: StridelintConfig, path: string): boolean {
  const relative = relativeToConfig(config, path);
  return relative !== undefined && config.ignore.length > 0 && matchesAnyGlob(relative, config.ignore);
}

/** What configuration says for one rule on one path: its severity (or off) and options. */
export interface EffectiveRuleSetting {
  severity: SeveritySetting;
  /** True when the user chose the severity (it then wins over a rule's own escalation). */
  configured: boolean;
  options: Record<string, unknown>;
  /** Where the severity came from: `default`, a preset id, `rules`, `overrides[0]`, `categories.<stride>`… */
  origin: string;
}

export function effectiveRuleSetting(
  config: StridelintConfig,
  path: string,
  rule: { id: string; stride: Stride; severity: Severity; enabledByDefault?: boolean },
): EffectiveRuleSetting {
  // Later keys win: presets (`extends`), then categories, then `rules`, then matching overrides in order.
  let setting: RuleSetting | undefined = config.rules[rule.id];
  // Which override said it (-1: the top level); the origin's text is made only for the setting returned.
  let settingOverride = -1;
  let categoryOn = config.categories[rule.stride];
  let categoryOverride = -1;
  // Asked per rule and file: the path is made relative only when an override could match it.
  const relative = config.overrides.length > 0 ? relativeToConfig(config, path) : undefined;
  if (relative !== undefined) {
    config.overrides.forEach((override, index) => {
      if (!matchesAnyGlob(relative, override.files)) return;
      const overrideSetting = override.rules?.[rule.id];
      if (overrideSetting) {
        setting = { severity: overrideSetting.severity ?? setting?.severity, options: { ...setting?.options, ...overrideSetting.options } };
        if (overrideSetting.severity) settingOverride = index;
      }
      if (override.categories?.[rule.stride] !== undefined) {
        categoryOn = override.categories[rule.stride];
        categoryOverride = index;
      }
    });
  }
  const chosen = setting as RuleSetting | undefined;
  const options = chosen?.options ?? {};
  if (chosen?.severity) return { severity: chosen.severity, configured: true, options, origin: settingOverride < 0 ? 'rules' : `overrides[${settingOverride}]` };
  if (categoryOn === false) return { severity: 'off', configured: true, options, origin: `${categoryOverride < 0 ? '' : `overrides[${categoryOverride}].`}categories.${rule.stride}` };
  const preset = config.profile?.[rule.id];
  if (preset && preset.severity !== 'default') return { severity: preset.severity, configured: true, options, origin: preset.origin };
  const origin = preset?.origin ?? 'default';
  if (rule.enabledByDefault === false) return { severity: 'off', configured: false, options, origin: `${origin} (off until configured)` };
  return { severity: rule.severity, configured: false, options, origin };
}

export function isStride(value: string): value is Stride {
  return (STRIDE_CATEGORIES as readonly string[]).includes(value);
}
