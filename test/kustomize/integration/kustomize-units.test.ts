import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KustomizeLintResult } from '../../../rules/engine/kustomize/lint-kustomizations';
import { lintKustomizations } from '../../../rules/registry-lint';
import type { Finding } from '../../../rules/engine/types';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, HARDENING_RULES, RESTRICTED_PATCH, ROOT, sourceSet } from './overlay-fixture';

function all(result: KustomizeLintResult): Array<{ file: string; finding: Finding }> {
  return [...result.findings].flatMap(([file, list]) => list.map((finding) => ({ file, finding })));
}

function only(result: KustomizeLintResult, ruleId: string): Array<{ file: string; finding: Finding }> {
  return all(result).filter(({ finding }) => finding.ruleId === ruleId);
}

function lineOf(sources: SourceSet, file: string, needle: string): number {
  return String(sources.files.get(file)).split('\n').findIndex((line) => line.includes(needle));
}

describe('kustomize units: structure', () => {
  it('name prefixes change references: the prefixed service account is not the default one, findings name the built resource and land on the base', () => {
    const sources = sourceSet({
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - account.yaml\n',
      'base/account.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n',
      'base/deployment.yaml': BASE_DEPLOYMENT.replace('            # the web server\n', '            serviceAccountName: runner\n'),
      'prod/kustomization.yaml': 'namePrefix: prod-\nnamespace: shop\nresources:\n  - ../base\n',
    });
    const result = lintKustomizations(sources);
    const output = result.builds[0].result.output.text;
    assert.match(output, /serviceAccountName: prod-runner/);
    assert.equal(only(result, 'kubernetes/default-service-account').length, 0);
    assert.equal(only(result, 'kubernetes/default-namespace').length, 0, 'the overlay sets the namespace');
    const [token] = only(result, 'kubernetes/sa-token-automount');
    assert.equal(token.file, `${ROOT}/base/deployment.yaml`);
    assert.match(token.finding.message, /prod-web/);
  });

  it('a component applied by the overlay hardens the base; the component is not built alone', () => {
    const sources = sourceSet({
      'base/kustomization.yaml': BASE_KUSTOMIZATION,
      'base/deployment.yaml': BASE_DEPLOYMENT,
      'components/restricted/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: security.yaml\n',
      'components/restricted/security.yaml': RESTRICTED_PATCH,
      'prod/kustomization.yaml': 'resources:\n  - ../base\ncomponents:\n  - ../components/restricted\n',
    });
    const result = lintKustomizations(sources);
    assert.deepEqual(result.builds.map((build) => build.dir), [`${ROOT}/prod`]);
    assert.deepEqual(all(result).filter(({ finding }) => HARDENING_RULES.includes(finding.ruleId)), []);
  });

  it('a cycle is one not-analysed finding on each kustomization of it, on the line that closes it', () => {
    const sources = sourceSet({ 'a/kustomization.yaml': 'resources:\n  - ../b\n', 'b/kustomization.yaml': 'resources:\n  - ../a\n' });
    const result = lintKustomizations(sources);
    const notAnalysed = only(result, 'stridelint/not-analysed');
    assert.ok(notAnalysed.length >= 1);
    for (const { finding } of notAnalysed) assert.match(finding.message, /cycle/);
    assert.ok(notAnalysed.every(({ finding }) => finding.range.start.line === 1), JSON.stringify(notAnalysed.map(({ finding }) => finding.range)));
  });

  it('a remote resource is named, never fetched: one not-analysed finding on its line', () => {
    const sources = sourceSet({ 'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - https://github.com/example/repo//deploy?ref=v1\n', 'app/deployment.yaml': BASE_DEPLOYMENT });
    const [{ file, finding }, ...rest] = only(lintKustomizations(sources), 'stridelint/not-analysed');
    assert.equal(rest.length, 0);
    assert.equal(file, `${ROOT}/app/kustomization.yaml`);
    assert.equal(finding.range.start.line, 2);
    assert.match(finding.message, /remote.*github\.com\/example\/repo/s);
  });

  it('a missing patch file is one not-analysed finding on the line naming it; the base keeps single-file linting', () => {
    const sources = sourceSet({ 'base/kustomization.yaml': BASE_KUSTOMIZATION, 'base/deployment.yaml': BASE_DEPLOYMENT, 'prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: missing.yaml\n' });
    const result = lintKustomizations(sources);
    const [{ file, finding }] = only(result, 'stridelint/not-analysed');
    assert.equal(file, `${ROOT}/prod/kustomization.yaml`);
    assert.equal(finding.range.start.line, lineOf(sources, file, 'missing.yaml'));
    assert.match(finding.message, /does not exist.*missing\.yaml/s);
    assert.equal(result.coveredFiles.has(`${ROOT}/base/deployment.yaml`), false);
  });
});

describe('kustomize units: secretGenerator', () => {
  it('a literal secret is reported on its line, masked; a reference-like or empty one is not', () => {
    const kustomization = 'secretGenerator:\n  - name: db\n    literals:\n      - username=app\n      - password=Xk3-long-random-9q\n      - token=\n';
    const sources = sourceSet({ 'app/kustomization.yaml': kustomization });
    const secrets = only(lintKustomizations(sources), 'kubernetes/committed-secret');
    assert.equal(secrets.length, 1);
    const [{ file, finding }] = secrets;
    assert.equal(file, `${ROOT}/app/kustomization.yaml`);
    assert.equal(finding.range.start.line, 4);
    assert.equal(finding.stride, 'information-disclosure');
    assert.ok(!finding.message.includes('Xk3-long-random-9q'), finding.message);
  });

  it('an env file holding a literal password is reported in that file, related to the generator entry', () => {
    const sources = sourceSet({ 'app/kustomization.yaml': 'secretGenerator:\n  - name: db\n    envs:\n      - db.env\n', 'app/db.env': 'DB_USER=app\nDB_PASSWORD=Xk3-long-random-9q\n' });
    const [{ file, finding }, ...rest] = only(lintKustomizations(sources), 'kubernetes/committed-secret');
    assert.equal(rest.length, 0);
    assert.equal(file, `${ROOT}/app/db.env`);
    assert.equal(finding.range.start.line, 1);
    assert.equal(finding.related?.[0].path, `${ROOT}/app/kustomization.yaml`);
  });
});

/** Each rule family: the base alone has the finding, an overlay that fixes it has none. */
describe('kustomize units: a base hardened by its overlay, per rule family', () => {
  const cases: Array<{ family: string; ruleId: string; base: string; overlay: string; files: Record<string, string> }> = [
    {
      family: 'host namespaces',
      ruleId: 'kubernetes/no-host-network',
      base: BASE_DEPLOYMENT.replace('            # the web server\n', '            hostNetwork: true\n'),
      overlay: 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
      files: { 'patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      hostNetwork: false\n' },
    },
    {
      family: 'images',
      ruleId: 'kubernetes/image-tag',
      base: BASE_DEPLOYMENT.replace(/nginx@sha256:[0-9a-f]+/, 'nginx:latest'),
      overlay: `resources:\n  - ../base\nimages:\n  - name: nginx\n    digest: sha256:${'ab'.repeat(32)}\n`,
      files: {},
    },
    {
      family: 'resources',
      ruleId: 'kubernetes/memory-limit',
      base: BASE_DEPLOYMENT.replace('                      limits: {cpu: 200m, memory: 128Mi}\n', ''),
      overlay: 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
      files: { 'patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources:\n            limits: {memory: 128Mi}\n' },
    },
    {
      family: 'secrets in env',
      ruleId: 'kubernetes/hardcoded-secret',
      base: BASE_DEPLOYMENT.replace('                  resources:\n', '                  env:\n                      - name: DB_PASSWORD\n                        value: hunter2-prod-Xk3q\n                  resources:\n'),
      overlay: 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
      files: { 'patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: DB_PASSWORD\n              value: null\n              valueFrom:\n                secretKeyRef: {name: db, key: password}\n' },
    },
    {
      family: 'RBAC',
      ruleId: 'kubernetes/rbac-wildcard',
      base: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["*"]\n',
      overlay: 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n    target: {kind: ClusterRole, name: ops}\n',
      files: { 'patch.yaml': '- op: replace\n  path: /rules/0/verbs\n  value: ["get", "list", "watch"]\n' },
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.family}: ${testCase.ruleId}`, () => {
      const base = { 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'base/deployment.yaml': testCase.base };
      const alone = lintKustomizations(sourceSet(base));
      assert.equal(only(alone, testCase.ruleId).length, 1, 'the base alone has the finding');
      const overlaid = sourceSet({ ...base, 'prod/kustomization.yaml': testCase.overlay, ...Object.fromEntries(Object.entries(testCase.files).map(([name, text]) => [`prod/${name}`, text])) });
      const result = lintKustomizations(overlaid);
      assert.deepEqual(result.builds.map((build) => [build.dir, build.result.problems.map((problem) => problem.message)]), [[`${ROOT}/prod`, []]]);
      assert.deepEqual(only(result, testCase.ruleId).map(({ file, finding }) => `${file}:${finding.range.start.line} ${finding.message}`), []);
    });
  }
});

describe('kustomize units: bad input never throws', () => {
  const cases: Record<string, Record<string, string>> = {
    'a kustomization that is not YAML': { 'app/kustomization.yaml': 'resources: [deployment.yaml\n  - : :\n' },
    'a kustomization that is a list': { 'app/kustomization.yaml': '- a\n- b\n' },
    'a resource that is not a mapping': { 'app/kustomization.yaml': 'resources:\n  - bad.yaml\n', 'app/bad.yaml': '- just\n- a list\n' },
    'a patch that matches nothing': { 'app/kustomization.yaml': 'resources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n', 'app/deployment.yaml': BASE_DEPLOYMENT, 'app/patch.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ghost\n' },
    'a JSON patch on a missing path': { 'app/kustomization.yaml': 'resources:\n  - deployment.yaml\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: replace\n        path: /spec/nothing/here\n        value: 1\n', 'app/deployment.yaml': BASE_DEPLOYMENT },
    'binary noise in a resource': { 'app/kustomization.yaml': 'resources:\n  - noise.yaml\n', 'app/noise.yaml': '\u0000\u0001\u0002kind: \u00ff\n' },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(name, () => {
      const result = lintKustomizations(sourceSet(files));
      const findings = all(result);
      assert.ok(findings.every(({ finding }) => finding.ruleId !== 'stridelint/internal-error'), JSON.stringify(findings.map(({ finding }) => finding.message)));
      const notAnalysed = findings.filter(({ finding }) => finding.ruleId === 'stridelint/not-analysed');
      assert.ok(notAnalysed.length <= 1, JSON.stringify(notAnalysed.map(({ finding }) => finding.message)));
      for (const { finding } of notAnalysed) assert.match(finding.message, /^Not analysed: kustomize build ws\/app fails: /);
    });
  }
});
