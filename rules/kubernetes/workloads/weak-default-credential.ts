import { defineRule } from '../../engine/rule';
import { envSecrets, manifestSecrets, secretManifests } from '../../models/secrets/in-kubernetes';

export default defineRule({
  meta: {
    id: 'kubernetes/weak-default-credential',
    kind: 'kubernetes',
    title: 'Do not deploy well-known default passwords',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'A password such as `changeme`, `admin`, `root` or `postgres` under a secret name (in `env`, a ConfigMap, a Secret or a URL) is not a leaked secret but a guessable one: anyone who reaches the workload can log in. Reported separately from `kubernetes/hardcoded-secret` so that it can be turned off for development manifests.',
    remediation: 'Generate the password (a Secret created at deploy time, an ExternalSecret, or the chart generating a random value) and reference it with `valueFrom.secretKeyRef`.',
    references: [{ source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets (default passwords)' }],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      env:\n        - name: POSTGRES_PASSWORD\n          value: postgres\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      env:\n        - name: POSTGRES_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n' }],
    },
  },
  check(context) {
    for (const sighting of [...envSecrets(context.model), ...manifestSecrets(context.model), ...secretManifests(context.model)]) {
      if (sighting.verdict.verdict !== 'weak') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} sets ${sighting.verdict.label} ("${sighting.verdict.masked}"), which anyone can guess.` });
    }
  },
});
