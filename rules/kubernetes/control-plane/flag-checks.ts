import type { Node } from 'yaml';
import { isScalar } from '../../models/yaml-nodes';
import type { RuleContext } from '../../engine/rule';
import type { Reference, Severity, SpanEdit } from '../../engine/types';
import type { KubernetesModel } from '../../models/kubernetes';
import { getPath, type Manifest } from '../../models/kubernetes';
import { configDocuments, kindSpan, removeFlag, listItems, lookupFlag, setField, setFlag, setFlagValue, sourcesFor, where, type Component, type FlagSource } from '../../models/control-plane';
import { asMap, asSeqItems, getNode, nodeSpan } from '../../models/yaml';

/**
 * The shapes most control-plane rules share (a boolean flag with a weak default, a file flag that must be
 * set, an admission-plugin list that must hold or lack a plugin, a KubeletConfiguration field), so that each
 * rule file states only its flag, its values and why they matter.
 */

export type Context = RuleContext<KubernetesModel>;

/** CIS Kubernetes Benchmark id (kube-bench uses the same id in `cfg/cis-<version>`). */
export function cis(id: string, version = '1.12'): Reference[] {
  return [{ source: 'cis-kubernetes', id, version }, { source: 'kube-bench', id, note: `cfg/cis-${version}` }];
}

export function kics(name: string, uuid?: string): Reference {
  return { source: 'kics', id: uuid ?? name, note: name };
}

export function sources(context: Context, ...components: Component[]): readonly FlagSource[] {
  return sourcesFor(context.model, context.text, ...components);
}

function fixesOf(title: string, safe: boolean, edit: SpanEdit | undefined) {
  return edit ? [{ title, safe, edits: [edit] }] : [];
}

export interface BooleanFlagCheck {
  name: string;
  /** The value that is secure. */
  secure: boolean;
  /** The component's default when the flag is absent. */
  defaultValue: boolean;
  /** What the weak value does, completing "`--flag=value` …" (no period). */
  consequence: string;
  safe: boolean;
  /** Severity when the weak value comes only from the default (kube-bench leniency); the rule's own otherwise. */
  absentSeverity?: Severity;
}

/** A boolean flag set to, or defaulting to, its weak value. */
export function checkBooleanFlag(context: Context, source: FlagSource, check: BooleanFlagCheck): void {
  const setting = lookupFlag(source, check.name);
  const weak = String(!check.secure);
  const value = setting ? /^(?:1|t|true)$/i.test(setting.value) : check.defaultValue;
  if (value === check.secure || (setting && !/^(?:[01tf]|true|false)$/i.test(setting.value))) return;
  if (!setting && source.hasConfigFile) return;
  const message = setting?.flag
    ? `\`--${check.name}=${setting.value}\` ${check.consequence}.`
    : `\`--${check.name}\` is not set ${where(source)}, and its default (${weak}) ${check.consequence}.`;
  context.report({
    span: setting?.flag?.span ?? source.anchor,
    message,
    ...(setting?.flag || !check.absentSeverity ? {} : { severity: check.absentSeverity }),
    fixes: fixesOf(`Set \`--${check.name}=${check.secure}\``, check.safe, setFlag(source, check.name, String(check.secure))),
  });
}

/** Flags that must be set (file paths and the like); no fix, the value is the user's. */
export function checkRequiredFlags(context: Context, source: FlagSource, names: readonly string[], consequence: string): void {
  if (source.hasConfigFile) return;
  const missing = names.filter((name) => lookupFlag(source, name) === undefined || lookupFlag(source, name)?.value.trim() === '');
  if (missing.length === 0) return;
  const listed = missing.map((name) => `\`--${name}\``).join(missing.length === 2 ? ' and ' : ', ');
  context.report({ span: source.anchor, message: `${listed} ${missing.length === 1 ? 'is' : 'are'} not set ${where(source)}, so ${consequence}.` });
}

/** URL flags whose values must use `https://` (loopback may be exempt). */
export function checkHttpsUrls(context: Context, source: FlagSource, names: readonly string[], consequence: string, allowLoopback: boolean): void {
  for (const name of names) {
    const setting = lookupFlag(source, name);
    if (!setting?.flag) continue;
    const plain = listItems(setting.value).filter((url) => /^http:\/\//i.test(url) && !(allowLoopback && /^http:\/\/(?:127\.|localhost|\[::1\])/i.test(url)));
    if (plain.length > 0) context.report({ span: setting.flag.span, message: `\`--${name}\` uses plain HTTP (${plain.join(', ')}), so ${consequence}.` });
  }
}

/** The admission plugins enabled by a source: `--enable-admission-plugins`, or the deprecated `--admission-control`. */
export function enabledPlugins(source: FlagSource) {
  const setting = lookupFlag(source, 'enable-admission-plugins') ?? lookupFlag(source, 'admission-control');
  return { setting, plugins: listItems(setting?.value) };
}

/** `--enable-admission-plugins` must hold `plugin`; the fix appends it to the list (or adds the flag). */
export function checkPluginEnabled(context: Context, source: FlagSource, plugin: string, consequence: string, safe?: boolean): void {
  const { setting, plugins } = enabledPlugins(source);
  if (plugins.includes(plugin) || (!setting && source.hasConfigFile)) return;
  const flagName = setting?.flag?.name ?? 'enable-admission-plugins';
  const edit = setting?.flag ? setFlagValue(setting.flag, [...plugins, plugin].join(',')) : setting ? setFlag(source, flagName, [...plugins, plugin].join(',')) : source.add(flagName, plugin);
  context.report({
    span: setting?.flag?.span ?? source.anchor,
    message: setting ? `\`--${flagName}\` does not include ${plugin}, so ${consequence}.` : `No admission plugins are enabled ${where(source)} beyond the defaults, which lack ${plugin}, so ${consequence}.`,
    fixes: safe === undefined ? [] : fixesOf(`Add ${plugin} to \`--${flagName}\``, safe, edit),
  });
}

/** Removes `plugins` from a comma list flag (the flag itself when the list would be empty). */
export function removeFromList(context: Context, source: FlagSource, flagName: string, remove: readonly string[], describe: (found: string[]) => string, safe: boolean): void {
  const setting = lookupFlag(source, flagName);
  if (!setting?.flag) return;
  const items = listItems(setting.value);
  const found = items.filter((item) => remove.includes(item));
  if (found.length === 0) return;
  const rest = items.filter((item) => !remove.includes(item));
  context.report({
    span: setting.flag.span,
    message: describe(found),
    fixes: fixesOf(`Remove ${found.join(', ')} from \`--${flagName}\``, safe, rest.length > 0 ? setFlagValue(setting.flag, rest.join(',')) : removeFlag(context.text, setting.flag)),
  });
}

/** A minimal static pod for docs examples: `component` with `flags` in its command. */
export function examplePod(component: Component, flags: readonly string[]): { code: string } {
  const items = [component, ...flags].map((item) => `    - ${item}`).join('\n');
  return { code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${component}\n  namespace: kube-system\nspec:\n  containers:\n  - name: ${component}\n    command:\n${items}\n` };
}

export interface KubeletCheck {
  /** KubeletConfiguration field path. */
  field: string[];
  flag: string;
  /** The value an absent field has in a KubeletConfiguration file (undefined: absent is never reported). */
  fileDefault?: string;
  /** The kubelet's flag default, used for kubelets run with flags only (no `--config`). */
  flagDefault?: string;
  isWeak(value: string): boolean;
  /** Completes "`field: value` …" (no period). */
  consequence: string;
  /** The secure value: YAML text for the field, and the flag value. */
  secureField?: string;
  secureFlag?: string;
  safe: boolean;
  title?: string;
}

function scalarText(node: Node | undefined): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** A kubelet setting in KubeletConfiguration documents and in kubelet flags (kubeadm kubeletExtraArgs, kubelet containers). */
export function checkKubelet(context: Context, check: KubeletCheck): void {
  const path = check.field.join('.');
  for (const manifest of configDocuments(context.model, 'KubeletConfiguration', 'kubelet.config.k8s.io/')) {
    const node = getPath(manifest.node, check.field);
    const value = scalarText(node) ?? (node === undefined ? undefined : null);
    if (value === null) continue;
    const effective = value ?? check.fileDefault;
    if (effective === undefined || !check.isWeak(effective)) continue;
    const edit = check.secureField !== undefined ? setField(context.text, manifest, check.field, check.secureField) : undefined;
    context.report({
      span: value === undefined ? kindSpan(manifest) : nodeSpan(node),
      message: value === undefined ? `\`${path}\` is not set in this KubeletConfiguration, ${effective === '' ? 'so the kubelet' : `and its default (${effective})`} ${check.consequence}.` : `\`${path}: ${value}\` ${check.consequence}.`,
      fixes: fixesOf(check.title ?? `Set \`${path}: ${check.secureField}\``, check.safe, edit),
    });
  }
  for (const source of sources(context, 'kubelet')) {
    const setting = lookupFlag(source, check.flag);
    const flagsOnly = (source.origin === 'pod' || source.origin === 'command-line') && !source.hasConfigFile;
    const effective = setting?.value ?? (flagsOnly ? check.flagDefault : undefined);
    if (effective === undefined || !check.isWeak(effective)) continue;
    const edit = check.secureFlag !== undefined ? setFlag(source, check.flag, check.secureFlag) : undefined;
    context.report({
      span: setting?.flag?.span ?? source.anchor,
      message: setting?.flag ? `\`--${check.flag}=${setting.value}\` ${check.consequence}.` : `\`--${check.flag}\` is not set for this kubelet (no \`--config\` file), ${effective === '' ? 'so the kubelet' : `and its default (${effective})`} ${check.consequence}.`,
      fixes: fixesOf(`Set \`--${check.flag}=${check.secureFlag}\``, check.safe, edit),
    });
  }
}

/** The authorizers of AuthorizationConfiguration documents (`--authorization-config`) in this file. */
export function authorizationConfigs(context: Context): Array<{ manifest: Manifest; types: Array<{ type: string; node: Node }> }> {
  return configDocuments(context.model, 'AuthorizationConfiguration', 'apiserver.config.k8s.io/').map((manifest) => ({
    manifest,
    types: asSeqItems(getNode(manifest.node, 'authorizers')).flatMap((authorizer) => {
      const type = getNode(asMap(authorizer), 'type');
      return isScalar(type) ? [{ type: String(type.value), node: type as Node }] : [];
    }),
  }));
}
