import { defineRule } from '../../engine/rule';
import type { FixSpec } from '../../engine/types';
import type { PodSpec } from '../../models/kubernetes';
import { envSecrets, manifestSecrets, type EnvSecretSighting } from '../../models/secrets/in-kubernetes';
import { columnOf } from '../../models/yaml-edit';
import { renderScalar } from '../../models/yaml-scalar';

/** An env secret with the Secret key it moves to. */
type Movable = EnvSecretSighting & { key: string };

function secretName(pod: PodSpec): string {
  const base = (pod.manifest.name ?? 'workload').toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'workload';
  return `${base}-secrets`;
}

/** Unique Secret keys for one pod's literal env secrets. */
function withKeys(sightings: EnvSecretSighting[]): Movable[] {
  const used = new Set<string>();
  return sightings.map((sighting) => {
    const base = sighting.variable.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return { ...sighting, key };
  });
}

function secretManifest(pod: PodSpec, secrets: Movable[], eol: string): string {
  const namespace = pod.manifest.namespace ? `${eol}  namespace: ${renderScalar(pod.manifest.namespace)}` : '';
  const data = secrets.map((secret) => `  ${secret.key}: ${JSON.stringify(secret.value)}`).join(eol);
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${secretName(pod)}${namespace}`, 'type: Opaque', 'stringData:', data, ''].join(eol);
}

function moveToSecret(text: string, secret: Movable, all: Movable[]): FixSpec | undefined {
  const keyNode = secret.pair.key as { range?: [number, number, number] };
  const valueNode = secret.pair.value as { range?: [number, number, number] };
  if (!keyNode.range || !valueNode.range) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let end = valueNode.range[1];
  while (end > keyNode.range[0] && /\s/.test(text[end - 1])) end--;
  const indent = ' '.repeat(columnOf(text, keyNode.range[0]));
  const name = secretName(secret.pod);
  const newText = secret.item.flow
    ? `valueFrom: {secretKeyRef: {name: ${name}, key: ${secret.key}}}`
    : `valueFrom:${eol}${indent}  secretKeyRef:${eol}${indent}    name: ${name}${eol}${indent}    key: ${secret.key}`;
  return { title: `Read ${secret.variable} from Secret ${name} (creates ${name}.yaml)`, safe: false, edits: [{ start: keyNode.range[0], end, newText }], newFiles: [{ path: `${name}.yaml`, text: secretManifest(secret.pod, all, eol) }] };
}

export default defineRule({
  meta: {
    id: 'kubernetes/hardcoded-secret',
    kind: 'kubernetes',
    title: 'Do not write secrets into manifests',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'suggest',
    description:
      'A password, token or key written as a literal container `env` value, in `command`/`args`, into a ConfigMap (worse than a Secret: neither encrypted at rest nor access-restricted) or into the `kubectl.kubernetes.io/last-applied-configuration` annotation is readable by everyone who can read the manifest: the repository, CI logs, `kubectl get -o yaml` and anyone with read access to the namespace. Reported: provider credentials whatever the name (AWS, GitHub, Slack webhooks, Stripe, private keys, JWTs, passwords in URLs …) and literal values of secret names. Not reported: `valueFrom`/`secretKeyRef`, `$(VAR)`, Helm `{{ … }}`, `*_FILE` names, paths, secret-store references and placeholders; well-known defaults are `kubernetes/weak-default-credential`, Secret manifests `kubernetes/committed-secret`. Values are always shown masked.',
    remediation: 'Move the value into a Secret (kept out of the repository or encrypted, e.g. Sealed Secrets or an external secret store) and reference it with `valueFrom.secretKeyRef`, or better mount it as a file. Revoke any credential that was committed.',
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
    const env = envSecrets(context.model).filter((sighting) => sighting.verdict.verdict === 'secret');
    for (const pod of context.model.podSpecs) {
      const secrets = withKeys(env.filter((sighting) => sighting.pod === pod));
      for (const secret of secrets) {
        if (secret.verdict.verdict !== 'secret') continue;
        const fix = moveToSecret(context.text, secret, secrets);
        context.report({
          span: secret.span,
          message: `${secret.subject} is ${secret.verdict.label} ("${secret.verdict.masked}"), readable by anyone who can read this manifest.`,
          data: { secretType: secret.verdict.type },
          fixes: fix ? [fix] : [],
        });
      }
    }
    for (const sighting of manifestSecrets(context.model)) {
      if (sighting.verdict.verdict !== 'secret') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}"), readable by anyone who can read this manifest.`, data: { secretType: sighting.verdict.type } });
    }
  },
});
