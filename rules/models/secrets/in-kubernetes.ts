import type { Pair, YAMLMap } from 'yaml';
import { isMap, isScalar } from '../yaml-nodes';
import { describeContainer, stringOf, type Container, type KubernetesModel, type Manifest, type PodSpec } from '../kubernetes';
import { asMap, asSeqItems, getNode, keySpan, nodeSpan } from '../yaml';
import { secretsInCommand } from './command-line';
import { classifyValue, judgeSecret, type SecretSighting, type SecretVerdict } from './index';
import { maskSecret } from './mask';

/** A literal `env` value, with what the move-to-Secret fix needs. */
export interface EnvSecretSighting extends SecretSighting {
  pod: PodSpec;
  container: Container;
  variable: string;
  value: string;
  item: YAMLMap;
  pair: Pair;
}

/** A `Secret` manifest whose `data`/`stringData` holds literal values: one sighting per Secret. */
export interface SecretManifestSighting extends SecretSighting {
  manifest: Manifest;
  keys: number;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Public parts of TLS and CA Secrets, and the non-secret companions of a password (user name, host, port). */
const PUBLIC_SECRET_KEY = /(?:^|[._-])(?:crt|cert|certificate|ca|pub|public)(?:\.pem)?$|^(?:namespace|user|username|login|email|host|hostname|port|database|db|dbname|name|url|endpoint|region)$/i;

/** Base64 `data` decoded as text; the raw text when it is not base64 (kubectl would reject it anyway). */
function decodeData(raw: string): string {
  const compact = raw.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0 ? Buffer.from(compact, 'base64').toString('utf8') : raw;
}

/**
 * Sightings by model: `kubernetes/hardcoded-secret` and `kubernetes/weak-default-credential` both ask for them,
 * and judging every env value and command word is a large part of a manifest's lint. Read-only for callers.
 */
const envSightings = new WeakMap<KubernetesModel, readonly EnvSecretSighting[]>();
const manifestSightings = new WeakMap<KubernetesModel, readonly SecretSighting[]>();

function remembered<T>(cache: WeakMap<KubernetesModel, readonly T[]>, model: KubernetesModel, find: (model: KubernetesModel) => T[]): readonly T[] {
  let found = cache.get(model);
  if (!found) cache.set(model, (found = find(model)));
  return found;
}

/** Every `env` value of every container of every pod spec that is a secret or a weak default. */
export function envSecrets(model: KubernetesModel): readonly EnvSecretSighting[] {
  return remembered(envSightings, model, findEnvSecrets);
}

function findEnvSecrets(model: KubernetesModel): EnvSecretSighting[] {
  const found: EnvSecretSighting[] = [];
  for (const pod of model.podSpecs) {
    for (const container of pod.containers) {
      for (const item of asSeqItems(getNode(container.node, 'env'))) {
        if (!isMap(item)) continue;
        const variable = stringOf(getNode(item, 'name'));
        const pair = item.items.find((candidate) => stringOf(candidate.key) === 'value');
        const value = isScalar(pair?.value) ? stringOf(pair.value) : undefined;
        if (!variable || !pair || value === undefined) continue;
        const verdict = judgeSecret(variable, value);
        if (verdict) found.push({ span: nodeSpan(pair.value as never), verdict, subject: `The ${describeContainer(container)} env ${variable}`, pod, container, variable, value, item, pair });
      }
    }
  }
  return found;
}

/** JSON walk of a last-applied-configuration: the first secret in it (env entries, ConfigMap/Secret data, any key). */
function secretInJson(json: unknown, isSecret: boolean, depth = 0, parentKey = ''): SecretVerdict | undefined {
  if (depth > 20 || json === null || typeof json !== 'object') return undefined;
  const object = json as Record<string, unknown>;
  if (typeof object.name === 'string' && typeof object.value === 'string') {
    const verdict = judgeSecret(object.name, object.value);
    if (verdict) return verdict;
  }
  for (const [key, value] of Object.entries(object)) {
    const verdict =
      typeof value === 'string'
        ? judgeSecret(Array.isArray(json) ? undefined : key, isSecret && parentKey === 'data' ? decodeData(value) : value) ??
          (isSecret && (parentKey === 'data' || parentKey === 'stringData') ? literalSecretData(key, parentKey === 'data' ? decodeData(value) : value) : undefined)
        : secretInJson(value, isSecret, depth + 1, key);
    if (verdict?.verdict === 'secret') return verdict;
  }
  return undefined;
}

/** A configuration file kept in a Secret (`alertmanager.yaml`, `grafana.ini`): judged by the settings in it. */
const CONFIG_FILE_KEY = /\.(?:ya?ml|json|ini|conf|cfg|toml|properties|xml|env)$/i;
const SETTING_LINE = /^\s*["']?([A-Za-z0-9_.-]{1,100})["']?\s*[:=]\s*(.{1,2000})$/;

function secretInConfigFile(text: string): SecretVerdict | undefined {
  for (const line of text.split(/\r?\n/)) {
    const setting = SETTING_LINE.exec(line);
    const verdict = setting ? judgeSecret(setting[1], setting[2].trim().replace(/,$/, '')) : judgeSecret(undefined, line);
    if (verdict?.verdict === 'secret') return verdict;
  }
  return undefined;
}

/** A Secret's value that is data, not a reference or placeholder: a literal secret even under an innocent key. */
function literalSecretData(key: string, value: string): SecretVerdict | undefined {
  if (PUBLIC_SECRET_KEY.test(key) || /^-----BEGIN CERTIFICATE-----/.test(value.trim())) return undefined;
  if (CONFIG_FILE_KEY.test(key)) return secretInConfigFile(value);
  const valueClass = classifyValue(value, key).class;
  if (valueClass === 'weak') return { verdict: 'weak', label: 'a well-known default credential', masked: maskSecret(value) };
  return valueClass === 'literal' ? { verdict: 'secret', type: 'secret-data', label: 'literal Secret data', masked: maskSecret(value), certain: false } : undefined;
}

/**
 * Secrets elsewhere in manifests: container `command`/`args` words, ConfigMap `data`/`binaryData`, and the
 * last-applied-configuration annotation of any object (it repeats the object, Secrets included, as JSON).
 */
export function manifestSecrets(model: KubernetesModel): readonly SecretSighting[] {
  return remembered(manifestSightings, model, findManifestSecrets);
}

function findManifestSecrets(model: KubernetesModel): SecretSighting[] {
  const found: SecretSighting[] = [];
  for (const pod of model.podSpecs) {
    for (const container of pod.containers) {
      const words = ['command', 'args'].flatMap((field) => asSeqItems(getNode(container.node, field)).filter(isScalar).map((node) => ({ value: String(node.value ?? ''), span: nodeSpan(node) })));
      const name = words[0]?.value.slice(words[0].value.lastIndexOf('/') + 1) ?? '';
      for (const hit of secretsInCommand(name, words)) found.push({ span: hit.word.span, verdict: hit.verdict, subject: `The ${describeContainer(container)} command line (${hit.what})` });
    }
  }
  for (const manifest of model.manifests) {
    if (manifest.kind === 'ConfigMap') {
      for (const section of ['data', 'binaryData']) {
        for (const pair of asMap(getNode(manifest.node, section))?.items ?? []) {
          const key = stringOf(pair.key);
          const raw = stringOf(pair.value);
          if (!key || raw === undefined) continue;
          const verdict = judgeSecret(key, section === 'binaryData' ? decodeData(raw) : raw);
          if (verdict) found.push({ span: nodeSpan(pair.value as never), verdict, subject: `ConfigMap ${manifest.name ?? ''} key ${key}`.replace('  ', ' ') });
        }
      }
    }
    const annotation = asMap(getNode(asMap(manifest.metadata), 'annotations'))?.items.find((pair) => stringOf(pair.key) === LAST_APPLIED);
    const text = annotation ? stringOf(annotation.value) : undefined;
    if (!annotation || !text) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue; // not JSON: kubectl never wrote it, nothing to read
    }
    const verdict = secretInJson(json, (json as { kind?: unknown } | null)?.kind === 'Secret');
    if (verdict) found.push({ span: nodeSpan(annotation.value as never), verdict, subject: `The ${LAST_APPLIED} annotation of ${manifest.kind ?? 'an object'} ${manifest.name ?? ''}`.trimEnd() });
  }
  return found;
}

/** Which value names the Secret's finding: a provider format, then a secret name, then any data, then a weak default. */
function rank(verdict: SecretVerdict): number {
  if (verdict.verdict === 'weak') return 0;
  return verdict.certain ? 3 : verdict.type === 'secret-name' ? 2 : 1;
}

/** `Secret` manifests with literal `stringData` or `data` (base64-decoded; `.dockerconfigjson` included). */
export function secretManifests(model: KubernetesModel): SecretManifestSighting[] {
  const found: SecretManifestSighting[] = [];
  for (const manifest of model.manifests) {
    if (manifest.kind !== 'Secret') continue;
    let best: { verdict: SecretVerdict; span: ReturnType<typeof keySpan>; key: string } | undefined;
    let keys = 0;
    for (const section of ['stringData', 'data']) {
      const sectionPair = manifest.node.items.find((pair) => stringOf(pair.key) === section);
      for (const pair of asMap(sectionPair?.value)?.items ?? []) {
        const key = stringOf(pair.key);
        const raw = stringOf(pair.value);
        if (!key || raw === undefined || ['empty', 'reference', 'placeholder'].includes(classifyValue(raw).class)) continue;
        const value = section === 'data' ? decodeData(raw) : raw;
        const verdict = judgeSecret(key, value) ?? literalSecretData(key, value);
        if (!verdict) continue;
        keys++;
        const better = !best || rank(verdict) > rank(best.verdict);
        if (better && sectionPair) best = { verdict, span: keySpan(sectionPair), key };
      }
    }
    if (best) found.push({ span: best.span, verdict: best.verdict, subject: `Secret ${manifest.name ?? ''} key ${best.key}`.replace('  ', ' '), manifest, keys });
  }
  return found;
}
