import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/workloads/hardcoded-secret';
import { lintFile } from '../../../../rules/registry-lint';
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
        { line: 14, column: 22, endColumn: 36, message: 'The container "api" env DB_PASSWORD is a literal password ("hun… (12 chars)"), readable by anyone who can read this manifest.' },
        { line: 17, column: 45, message: 'The container "api" env STRIPE_API_KEY is a literal secret ("sk_… (14 chars)"), readable by anyone who can read this manifest.' },
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
      name: 'ConfigMap keys that name secrets, and a password in a URL under any name (weak defaults and documentation keys are not this rule)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          admin_password: Tr0ub4dor-horse
          db: postgres://app:s3cr3t@db/app
          default_password: changeme
          aws: AKIAIOSFODNN7EXAMPLE
      `,
      errors: [
        { line: 6, column: 19, message: 'ConfigMap settings key admin_password holds a literal password ("Tr0… (15 chars)"), readable by anyone who can read this manifest.' },
        { line: 7, column: 7, message: 'ConfigMap settings key db holds a password inside a URL ("postgres://app:••••@…"), readable by anyone who can read this manifest.' },
      ],
    },
    {
      name: 'command and args words, and the last-applied-configuration annotation',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: bot
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Pod","spec":{"containers":[{"name":"bot","env":[{"name":"API_TOKEN","value":"Tr0ub4dor9horse7x"}]}]}}'
        spec:
          containers:
            - name: bot
              image: bot:1
              args: ["--db-password=Tr0ub4dor-horse", "--log-level=info"]
      `,
      errors: [
        { line: 6, column: 55, message: /^The kubectl\.kubernetes\.io\/last-applied-configuration annotation of Pod bot holds a literal secret/ },
        { line: 11, column: 14, message: /^The container "bot" command line \(--db-password\) holds a literal password/ },
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

itReportsSeverities(rule, 'a literal secret is an error, by name or by format', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: "a:1"\n      env:\n        - {name: DB_PASSWORD, value: hunter2}\n        - {name: DSN, value: "postgres://app:s3cr3t@db/app"}\n', [[9, 'error'], [10, 'error']]);
