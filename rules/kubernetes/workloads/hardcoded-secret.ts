import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixSpec } from '../../engine/types';
import { describeContainer, isTemplateValue, stringOf, type PodSpec } from '../../models/kubernetes';
import { asMap, asSeqItems, getNode, keySpan, nodeSpan } from '../../models/yaml';
import { columnOf } from '../../models/yaml-edit';
import { renderScalar } from '../../models/yaml-scalar';
import { isLiteralSecretValue, isSecretName, keyMaterial, mask } from './secrets';

interface LiteralSecret {
  variable: string;
  value: string;
  item: YAMLMap;
  pair: Pair;
  key: string;
}

function secretName(pod: PodSpec): string {
  const base = (pod.manifest.name ?? 'workload').toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'workload';
  return `${base}-secrets`;
}

/** Every literal secret `env` value of one pod, with the Secret key it moves to. */
function literalSecrets(text: string, pod: PodSpec): LiteralSecret[] {
  const found: LiteralSecret[] = [];
  const used = new Set<string>();
  for (const container of pod.containers) {
    for (const item of asSeqItems(getNode(container.node, 'env'))) {
      if (!isMap(item)) continue;
      const variable = stringOf(getNode(item, 'name'));
      const pair = item.items.find((candidate) => stringOf(candidate.key) === 'value');
      const value = isScalar(pair?.value) ? stringOf(pair.value) : undefined;
      if (!variable || !pair || value === undefined || !isLiteralSecretValue(value) || isTemplateValue(text, pair.value as never)) continue;
      if (!isSecretName(variable) && !keyMaterial(value)) continue;
      let key = variable.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
      for (let n = 2; used.has(key); n++) key = `${variable.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}-${n}`;
      used.add(key);
      found.push({ variable, value, item, pair, key });
    }
  }
  return found;
}

function secretManifest(pod: PodSpec, secrets: LiteralSecret[], eol: string): string {
  const namespace = pod.manifest.namespace ? `${eol}  namespace: ${renderScalar(pod.manifest.namespace)}` : '';
  const data = secrets.map((secret) => `  ${secret.key}: ${JSON.stringify(secret.value)}`).join(eol);
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${secretName(pod)}${namespace}`, 'type: Opaque', 'stringData:', data, ''].join(eol);
}

function moveToSecret(text: string, pod: PodSpec, secret: LiteralSecret, all: LiteralSecret[]): FixSpec | undefined {
  const keyNode = secret.pair.key as { range?: [number, number, number] };
  const valueNode = secret.pair.value as { range?: [number, number, number] };
  if (!keyNode.range || !valueNode.range) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let end = valueNode.range[1];
  while (end > keyNode.range[0] && /\s/.test(text[end - 1])) end--;
  const indent = ' '.repeat(columnOf(text, keyNode.range[0]));
  const name = secretName(pod);
  const newText = secret.item.flow
    ? `valueFrom: {secretKeyRef: {name: ${name}, key: ${secret.key}}}`
    : `valueFrom:${eol}${indent}  secretKeyRef:${eol}${indent}    name: ${name}${eol}${indent}    key: ${secret.key}`;
  return { title: `Read ${secret.variable} from Secret ${name} (creates ${name}.yaml)`, safe: false, edits: [{ start: keyNode.range[0], end, newText }], newFiles: [{ path: `${name}.yaml`, text: secretManifest(pod, all, eol) }] };
}

export default defineRule({
  meta: {
    id: 'kubernetes/hardcoded-secret',
    kind: 'kubernetes',
    title: 'Do not write secrets into manifests',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'suggest',
    description:
      'A password, token or key written as a literal `env` value or into a ConfigMap is readable by everyone who can read the manifest: the repository, CI logs, `kubectl get -o yaml` and anyone with read access to the namespace. Values that are key material (private keys, AWS access key ids, GitHub tokens) are errors.',
    remediation: 'Move the value into a Secret (kept out of the repository or encrypted, e.g. Sealed Secrets or an external secret store) and reference it with `valueFrom.secretKeyRef`, or better mount it as a file.',
    references: [
      { source: 'cis-kubernetes', id: '5.4.1', version: '1.12', note: 'in spirit' },
      { source: 'cis-kubernetes', id: '5.4.2', version: '1.12', note: 'in spirit' },
      { source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets' },
      { source: 'trivy', id: 'AVD-KSV-01010' },
      { source: 'trivy', id: 'AVD-KSV-0109' },
      { source: 'kube-linter', id: 'env-var-secret' },
      { source: 'polaris', id: 'sensitiveContainerEnvVar' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:3.2\n          env:\n            - name: DB_PASSWORD\n              value: hunter2-prod\n' }],
      valid: [{ code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:3.2\n          env:\n            - name: DB_PASSWORD_FILE\n              value: /run/secrets/db-password\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      const secrets = literalSecrets(context.text, pod);
      for (const secret of secrets) {
        const container = pod.containers.find((candidate) => asSeqItems(getNode(candidate.node, 'env')).includes(secret.item));
        const material = keyMaterial(secret.value);
        const fix = moveToSecret(context.text, pod, secret, secrets);
        context.report({
          span: nodeSpan(secret.pair.value as never),
          severity: material ? 'error' : undefined,
          message: `${container ? `The ${describeContainer(container)}` : 'A container'} sets ${secret.variable} to a literal ${material ?? 'secret'} ("${mask(secret.value)}"), readable by anyone who can read this manifest.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
    for (const manifest of context.model.manifests) {
      if (manifest.kind !== 'ConfigMap') continue;
      for (const section of ['data', 'binaryData']) {
        for (const pair of asMap(getNode(manifest.node, section))?.items ?? []) {
          const key = stringOf(pair.key);
          const value = stringOf(pair.value) ?? '';
          const material = keyMaterial(value);
          if (!key || isTemplateValue(context.text, pair.value as never) || (!material && !(isSecretName(key) && isLiteralSecretValue(value)))) continue;
          context.report({
            span: material ? nodeSpan(pair.value as never) : keySpan(pair),
            severity: material ? 'error' : undefined,
            message: material
              ? `ConfigMap ${manifest.name ?? ''} key ${key} holds ${material} ("${mask(value)}"), and ConfigMaps are neither encrypted nor access-restricted like Secrets.`.replace('  ', ' ')
              : `ConfigMap ${manifest.name ?? ''} key ${key} looks like a secret, and ConfigMaps are neither encrypted nor access-restricted like Secrets.`.replace('  ', ' '),
          });
        }
      }
    }
  },
});
