import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/workloads/hardcoded-secret';
import { lintFile } from '../../../../rules/engine';
import { testRule } from '../../../helpers/rule-tester';
import { itReportsSeverities } from './severity';
import { yaml } from './yaml';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
  spec:
    template:
      spec:
        containers:
          - name: api
            image: api:3.2
            env:
              - name: DB_PASSWORD # rotated yearly
                value: "hunter2-prod"
              - name: LOG_LEVEL
                value: debug
              - {name: STRIPE_API_KEY, value: sk_live_abc123}
`;

testRule(rule, {
  valid: [
    { name: 'references, paths, switches and placeholders are not secrets', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: api
      spec:
        containers:
          - name: api
            image: api:3.2
            env:
              - {name: DB_PASSWORD_FILE, value: /run/secrets/db}
              - {name: DB_PASSWORD, value: "$(DB_PASS_FROM_ENV)"}
              - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes"}
              - {name: MAX_TOKENS, value: "2048"}
              - {name: API_TOKEN, value: "<your-token>"}
              - {name: DB_PASSWORD, value: "{{ .Values.db.password }}"}
              - name: SESSION_SECRET
                valueFrom: {secretKeyRef: {name: api, key: session}}
    ` },
    { name: 'ConfigMap with ordinary settings', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  mode: fast\n  token_ttl: "3600"\n' },
  ],
  invalid: [
    {
      name: 'values masked; the fix moves them to secretKeyRef in block and flow style',
      code: deployment,
      errors: [
        { line: 14, column: 22, endColumn: 36, message: 'The container "api" sets DB_PASSWORD to a literal secret ("hunt…"), readable by anyone who can read this manifest.' },
        { line: 17, column: 45, message: 'The container "api" sets STRIPE_API_KEY to a literal secret ("sk_l…"), readable by anyone who can read this manifest.' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: api:3.2
                  env:
                    - name: DB_PASSWORD # rotated yearly
                      valueFrom:
                        secretKeyRef:
                          name: api-secrets
                          key: db-password
                    - name: LOG_LEVEL
                      value: debug
                    - {name: STRIPE_API_KEY, valueFrom: {secretKeyRef: {name: api-secrets, key: stripe-api-key}}}
      `,
    },
    {
      name: 'ConfigMap keys that name secrets, and key material under any name',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          admin_password: changeme
          aws: AKIAIOSFODNN7EXAMPLE
      `,
      errors: [
        { line: 6, column: 3, message: 'ConfigMap settings key admin_password looks like a secret, and ConfigMaps are neither encrypted nor access-restricted like Secrets.' },
        { line: 7, column: 8, message: 'ConfigMap settings key aws holds an AWS access key id ("AKIA…"), and ConfigMaps are neither encrypted nor access-restricted like Secrets.' },
      ],
    },
  ],
});

it('the fix creates the Secret manifest as a new file holding every literal of the workload', () => {
  const [finding] = lintFile(deployment, 'manifest.yaml', { kind: 'kubernetes', rules: [rule] }).findings;
  assert.equal(finding.fixes[0].title, 'Read DB_PASSWORD from Secret api-secrets (creates api-secrets.yaml)');
  assert.equal(finding.fixes[0].safe, false);
  assert.deepEqual(finding.fixes[0].newFiles, [
    { path: 'api-secrets.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\n  namespace: shop\ntype: Opaque\nstringData:\n  db-password: "hunter2-prod"\n  stripe-api-key: "sk_live_abc123"\n' },
  ]);
});

itReportsSeverities(rule, 'key material is an error', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: "a:1"\n      env:\n        - {name: DB_PASSWORD, value: hunter2}\n        - {name: GH, value: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB}\n', [[9, 'warning'], [10, 'error']]);
