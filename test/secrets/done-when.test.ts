import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { TOKEN_FORMATS, randomSource } from '../helpers/secret-tokens';

/** Issue 16's "done when" cases, one test each: reported once, on the exact range, masked; or not at all. */
const random = randomSource(1616);
const leaks = (text: string, path: string): Finding[] => lintFile(text, path).findings.filter((finding) => finding.data?.secretType !== undefined);
const rangeText = (text: string, finding: Finding): string => {
  const lines = text.split('\n');
  assert.equal(finding.range.start.line, finding.range.end.line, 'a one-line range');
  return lines[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character);
};

function reportsOnce(text: string, path: string, expectedRange: string, secret: string): void {
  const found = leaks(text, path);
  assert.equal(found.length, 1, found.map((finding) => finding.message).join('\n'));
  assert.equal(rangeText(text, found[0]), expectedRange);
  assert.ok(!found[0].message.includes(secret.slice(Math.ceil(secret.length / 4))), `masked: ${found[0].message}`);
}

describe('issue 16: reported once, on the exact range, masked', () => {
  it('ENV AWS_ACCESS_KEY_ID=… with a real-format key', () => {
    const key = TOKEN_FORMATS['aws-access-key-id'].make(random);
    reportsOnce(`FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=${key}\n`, 'Dockerfile', key, key);
  });
  it('ENV GREETING=<GitHub token>', () => {
    const token = TOKEN_FORMATS['github-pat'].make(random);
    reportsOnce(`FROM alpine:3.20\nENV GREETING=${token}\n`, 'Dockerfile', token, token);
  });
  it('a Kubernetes env value holding a Slack webhook', () => {
    const hook = TOKEN_FORMATS['slack-webhook'].make(random);
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: notifier\nspec:\n  containers:\n    - name: notifier\n      image: notifier:1\n      env:\n        - name: NOTIFY_URL\n          value: ${hook}\n`;
    reportsOnce(text, 'manifest.yaml', hook, hook);
  });
  it('a compose environment entry DATABASE_URL=postgres://app:s3cr3t@db/app', () => {
    const text = 'services:\n  app:\n    image: app:1\n    environment:\n      - DATABASE_URL=postgres://app:s3cr3t@db/app\n';
    reportsOnce(text, 'compose.yaml', 'DATABASE_URL=postgres://app:s3cr3t@db/app', 's3cr3t');
    assert.match(leaks(text, 'compose.yaml')[0].message, /postgres:\/\/app:••••@/);
  });
  it('a Secret with literal stringData', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: Tr0ub4dor-horse\n';
    reportsOnce(text, 'manifest.yaml', 'stringData', 'Tr0ub4dor-horse');
  });
});

describe('issue 16: not reported', () => {
  const pod = (value: string, name = 'DB_PASSWORD') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: p:1\n      env:\n        - name: ${name}\n          value: ${value}\n`;
  const cases: Array<[string, string, string]> = [
    ['${DB_PASSWORD}', 'services:\n  app:\n    image: app:1\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n', 'compose.yaml'],
    ['$(DB_PASSWORD)', pod('$(DB_PASSWORD)'), 'manifest.yaml'],
    ['{{ .Values.password }}', pod('"{{ .Values.password }}"'), 'manifest.yaml'],
    ['secretKeyRef', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: p:1\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n', 'manifest.yaml'],
    ['/run/secrets/db', 'FROM alpine\nENV DB_PASSWORD=/run/secrets/db\n', 'Dockerfile'],
    ['DB_PASSWORD_FILE=/run/secrets/db', 'DB_PASSWORD_FILE=/run/secrets/db\n', '.env'],
    ['PUBLIC_KEY=ssh-ed25519 …', 'FROM alpine\nENV PUBLIC_KEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy@ci"\n', 'Dockerfile'],
    ['MAX_TOKENS=4096', 'services:\n  llm:\n    image: llm:1\n    environment:\n      - MAX_TOKENS=4096\n', 'compose.yaml'],
    ['KMS_KEY_ID=…', pod('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'KMS_KEY_ID') + '        - name: AWS_KMS_KEY_ID\n          value: 1234abcd-12ab-34cd-56ef-1234567890ab\n', 'manifest.yaml'],
  ];
  for (const [name, text, path] of cases) {
    it(name, () => assert.deepEqual(lintFile(text, path).findings.filter((finding) => /secret|credential/.test(finding.ruleId) && finding.ruleId !== 'kubernetes/secret-as-env').map((finding) => finding.message), []));
  }
});

describe('issue 16: the old lists are gone', () => {
  it('one secret module: the rules import it and keep no name list of their own', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { REPO_ROOT } = await import('../helpers/shared');
    for (const file of ['rules/dockerfile/secret-in-build.ts', 'rules/compose/secret-in-environment.ts', 'rules/kubernetes/workloads/hardcoded-secret.ts']) {
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      assert.match(source, /models\/secrets\//, file);
      assert.doesNotMatch(source, /(?:const|let) [A-Z_]+ = (?:\/|\[|new Set\()/, `${file} keeps a list of its own`);
    }
  });
});
