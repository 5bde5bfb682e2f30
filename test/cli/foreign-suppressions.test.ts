import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, workspace } from '../helpers/cli';
import { sarifSchemaErrors } from '../helpers/sarif';
import { SHARED_SKIP_REASON } from '../helpers/shared';

const FILES = {
  Dockerfile: 'FROM alpine:3.20\nADD app /app\n# hadolint ignore=DL3002\nUSER root\n',
  'k8s/checkov.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: legacy\n  # checkov:skip=CKV_K8S_20:the agent needs setuid\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: agent:1.0\n          securityContext:\n            allowPrivilegeEscalation: true\n            privileged: true\n',
  'k8s/kube-linter.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: node-agent\n  annotations:\n    ignore-check.kube-linter.io/privileged-container: "drives host devices"\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: agent:1.0\n          securityContext:\n            privileged: true\n            allowPrivilegeEscalation: true\n',
};

interface JsonFinding {
  ruleId: string;
  path: string;
  suppressed?: { kind: string; tool: string; pragma: string; line: number };
}

describe('the peers’ suppressions in CLI output', () => {
  it('done when: hadolint, Checkov and kube-linter suppressions are reported as suppressed (JSON), the others are not', () => {
    const root = workspace(FILES);
    const output = JSON.parse(run(['--format', 'json'], root).stdout) as { findings: JsonFinding[]; suppressed: JsonFinding[] };
    const suppressed = output.suppressed.map((finding) => `${finding.path} ${finding.ruleId} ${finding.suppressed?.tool} ${finding.suppressed?.line}`).sort();
    assert.deepEqual(suppressed, [
      'Dockerfile dockerfile/no-root-user hadolint 3',
      'k8s/checkov.yaml kubernetes/allow-privilege-escalation checkov 5',
      'k8s/kube-linter.yaml kubernetes/no-privileged kube-linter 6',
    ]);
    assert.equal(output.suppressed[0].suppressed?.kind, 'inSource');
    const reported = output.findings.map((finding) => `${finding.path} ${finding.ruleId}`);
    assert.ok(reported.includes('Dockerfile dockerfile/add-instead-of-copy'));
    assert.ok(reported.includes('k8s/checkov.yaml kubernetes/no-privileged'), 'CKV_K8S_20 skips escalation, not privileged');
    assert.ok(reported.includes('k8s/kube-linter.yaml kubernetes/allow-privilege-escalation'));
    assert.ok(!reported.includes('Dockerfile dockerfile/no-root-user'));
  });

  it('done when: SARIF marks them with suppressions of kind inSource (valid SARIF); suppressed findings never fail the run', { skip: SHARED_SKIP_REASON }, () => {
    const root = workspace(FILES);
    const sarif = JSON.parse(run(['--format', 'sarif'], root).stdout);
    assert.deepEqual(sarifSchemaErrors(sarif), []);
    const results = sarif.runs[0].results as Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification: string }> }>;
    const withSuppressions = results.filter((result) => result.suppressions);
    assert.deepEqual(withSuppressions.map((result) => result.ruleId).sort(), ['dockerfile/no-root-user', 'kubernetes/allow-privilege-escalation', 'kubernetes/no-privileged']);
    assert.ok(withSuppressions.every((result) => result.suppressions![0].kind === 'inSource'));
    assert.match(withSuppressions.find((result) => result.ruleId === 'dockerfile/no-root-user')!.suppressions![0].justification, /# hadolint ignore=DL3002/);

    const onlyRoot = workspace({ Dockerfile: 'FROM alpine:3.20\nHEALTHCHECK CMD ["/bin/true"]\n# hadolint ignore=DL3002\nUSER root\n' });
    assert.equal(run(['--fail-on', 'warning'], onlyRoot).code, 0);
    assert.equal(run(['--fail-on', 'warning', '--config', 'strict.yaml'], workspace({ ...{ 'strict.yaml': 'suppressions:\n  foreign: false\n' }, Dockerfile: 'FROM alpine:3.20\nHEALTHCHECK CMD ["/bin/true"]\n# hadolint ignore=DL3002\nUSER root\n' })).code, 1);
  });
});
