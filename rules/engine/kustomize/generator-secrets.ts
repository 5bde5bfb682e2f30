import type { Node, Scalar, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from '../../models/yaml-nodes';
import { parseDotenv } from '../../models/dotenv';
import { joinPath } from '../../models/kustomize/source-files';
import { judgeSecret, type SecretVerdict } from '../../models/secrets';
import type { StridelintConfig } from '../config';
import type { Rule } from '../rule';
import type { Finding, RuleMeta } from '../types';
import { engineFinding, isOff } from '../units/unit-findings';
import type { SourceTexts } from '../units/unit-texts';
import type { KustomizationBuild } from './leaf-builds';

/** A secret written into a `secretGenerator`: where it is and what the detector said. */
interface GeneratorSecret {
  file: string;
  start: number;
  end: number;
  name: string;
  verdict: SecretVerdict;
  /** The kustomization line that puts it into the Secret, when the secret is in another file. */
  via?: { file: string; start: number; end: number };
}

/**
 * `secretGenerator` values written in the repository: `literals`, and `envs`/`files` whose content holds a
 * literal secret, judged by the secrets detector (judgeSecret) and reported where they are written, masked —
 * the build's Secret is base64 in memory only, so the Kubernetes rules' Secret finding is replaced by these.
 */
export function generatorSecretFindings(builds: readonly KustomizationBuild[], texts: SourceTexts, config: StridelintConfig, rules: readonly Rule[]): Array<[string, Finding]> {
  // The secret rules' metadata from the rules the caller runs (the engine knows no rule); absent rules report nothing.
  const metaOf = (id: string): RuleMeta | undefined => rules.find((rule) => rule.meta.id === id)?.meta;
  const kustomizations = new Set(builds.flatMap((build) => (build.result.kustomizations.length ? build.result.kustomizations : [build.file])));
  const out: Array<[string, Finding]> = [];
  for (const file of [...kustomizations].sort()) {
    for (const secret of secretsOf(file, texts)) {
      const meta = metaOf(secret.verdict.verdict === 'weak' ? 'kubernetes/weak-default-credential' : 'kubernetes/committed-secret');
      if (!meta || isOff(config, secret.file, meta)) continue;
      const what = secret.verdict.verdict === 'weak' ? secret.verdict.label : `${secret.verdict.label} ("${secret.verdict.masked}")`;
      const finding = engineFinding(meta, config, secret.file, `The secretGenerator value ${secret.name} holds ${what} in plain text: committed, it is readable by everyone with the repository.`, texts.rangeOf(secret));
      const related = secret.via ? [{ path: secret.via.file, range: texts.rangeOf(secret.via), message: 'This secretGenerator entry puts it into a Secret.' }] : [];
      out.push([secret.file, { ...finding, kind: 'kubernetes', ...(related.length ? { related } : {}) }]);
    }
  }
  return out;
}

function secretsOf(file: string, texts: SourceTexts): GeneratorSecret[] {
  const root = texts.yamlDocumentAt(file, 0)?.contents;
  const generators = isMap(root) ? root.get('secretGenerator', true) : undefined;
  if (!isSeq(generators)) return [];
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const found: GeneratorSecret[] = [];
  for (const entry of generators.items) {
    if (!isMap(entry)) continue;
    for (const literal of scalars(entry, 'literals')) {
      const raw = String(literal.value);
      const eq = raw.indexOf('=');
      if (eq <= 0 || !literal.range) continue;
      const verdict = judgeSecret(raw.slice(0, eq), unquote(raw.slice(eq + 1)));
      const text = texts.text(file) ?? '';
      const at = text.indexOf('=', literal.range[0]);
      const start = at >= 0 && at < literal.range[1] ? at + 1 : literal.range[0];
      if (verdict) found.push({ file, start, end: Math.max(start, literal.range[1] - (literal.type === 'PLAIN' ? 0 : 1)), name: raw.slice(0, eq), verdict });
    }
    for (const env of [...scalars(entry, 'envs'), ...scalars(entry, 'env')]) {
      const path = joinPath(dir, String(env.value));
      const text = texts.text(path);
      if (text === undefined || !env.range) continue;
      for (const variable of parseDotenv({ text, path }).model?.entries ?? []) {
        const verdict = judgeSecret(variable.name, variable.value);
        if (verdict) found.push({ file: path, ...variable.valueSpan, name: variable.name, verdict, via: { file, start: env.range[0], end: env.range[1] } });
      }
    }
    for (const source of scalars(entry, 'files')) {
      const raw = String(source.value);
      const eq = raw.indexOf('=');
      const relative = eq > 0 ? raw.slice(eq + 1) : raw;
      const content = texts.text(joinPath(dir, relative));
      const name = eq > 0 ? raw.slice(0, eq) : relative.slice(relative.lastIndexOf('/') + 1);
      const verdict = content === undefined ? undefined : judgeSecret(name, content.trim());
      if (verdict && source.range) found.push({ file, start: source.range[0], end: source.range[1], name: `${name} (from ${relative})`, verdict });
    }
  }
  return found;
}

function scalars(map: YAMLMap, key: string): Scalar[] {
  const node = map.get(key, true) as Node | undefined;
  if (isScalar(node)) return [node];
  return isSeq(node) ? node.items.filter((item): item is Scalar => isScalar(item)) : [];
}

/** kustomize strips one pair of surrounding quotes from a literal's value. */
function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}
