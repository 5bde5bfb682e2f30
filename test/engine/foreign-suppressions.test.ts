import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, parseConfig, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { ALL_RULE_METAS } from '../../rules';

const KNOWN = new Set(ALL_RULE_METAS.map((meta) => meta.id));
const ids = (findings: Finding[] | undefined) => (findings ?? []).map((finding) => `${finding.ruleId}@${finding.range.start.line + 1}`);

function lint(text: string, path: string, configText?: string) {
  const config = configText ? parseConfig(configText, '.stridelint.yaml', '', KNOWN) : emptyConfig();
  return lintFile(text, path, { config });
}

/** A Deployment whose container has the given security context lines (8 spaces deep) and metadata extras. */
function deployment(name: string, metadataExtra: string, securityContext: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${metadataExtra}spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext:\n${securityContext}`;
}

describe('hadolint pragmas', () => {
  it('`# hadolint ignore=DL3002` suppresses the root user on the next instruction only', () => {
    const result = lint('FROM alpine:3.20\nRUN id\n# hadolint ignore=DL3002\nUSER root\n', 'Dockerfile');
    assert.deepEqual(ids(result.suppressed), ['dockerfile/no-root-user@4']);
    assert.equal(result.suppressed![0].suppression!.pragma, '# hadolint ignore=DL3002');
    assert.equal(result.suppressed![0].suppression!.line, 2);
    const earlier = lint('FROM alpine:3.20\n# hadolint ignore=DL3002\nRUN id\nUSER root\n', 'Dockerfile');
    assert.deepEqual(ids(earlier.suppressed), [], 'the pragma covers RUN, not the USER after it');
    assert.ok(ids(earlier.findings).includes('dockerfile/no-root-user@4'));
  });

  it('takes a list (spaces allowed) and ignores codes of checks stridelint does not have', () => {
    const result = lint('FROM alpine:3.20\n# hadolint ignore=DL3009, DL3002\nUSER root\n', 'Dockerfile');
    assert.deepEqual(ids(result.suppressed), ['dockerfile/no-root-user@3']);
  });

  it('drops the whole pragma when an entry is not a rule code, as hadolint does', () => {
    const result = lint('FROM alpine:3.20\n# hadolint ignore=nonsense,DL3002\nUSER root\n', 'Dockerfile');
    assert.deepEqual(ids(result.suppressed), []);
  });

  it('`# hadolint global ignore=DL3020` covers the whole file', () => {
    const result = lint('# hadolint global ignore=DL3020\nFROM alpine:3.20\nADD a /a\nUSER 10001\nADD b /b\n', 'Dockerfile');
    assert.deepEqual(ids(result.suppressed), ['dockerfile/add-instead-of-copy@3', 'dockerfile/add-instead-of-copy@5']);
    assert.ok(!ids(result.findings).some((id) => id.startsWith('dockerfile/add-instead-of-copy')));
  });

  it('covers the continuation lines of the instruction', () => {
    const text = 'FROM debian:12\n# hadolint ignore=DL3008,DL3015\nRUN apt-get update \\\n    && apt-get install -y curl\n';
    const plain = lint(text.replace('# hadolint ignore=DL3008,DL3015\n', ''), 'Dockerfile');
    const result = lint(text, 'Dockerfile');
    const covered = plain.findings.filter((finding) => ['dockerfile/unpinned-packages', 'dockerfile/install-recommends'].includes(finding.ruleId));
    assert.ok(covered.length >= 2, 'both rules report on that RUN');
    assert.deepEqual(ids(result.suppressed).map((id) => id.split('@')[0]).sort(), covered.map((finding) => finding.ruleId).sort());
  });
});

describe('Checkov skips', () => {
  it('`# checkov:skip=CKV_K8S_20:reason` inside a Deployment suppresses allowPrivilegeEscalation there, not in the next document', () => {
    const first = deployment('legacy', '  # checkov:skip=CKV_K8S_20:the agent needs setuid\n', '            allowPrivilegeEscalation: true\n');
    const second = deployment('web', '', '            allowPrivilegeEscalation: true\n');
    const result = lint(`${first}---\n${second}`, 'deploy.yaml');
    assert.deepEqual(ids(result.suppressed).filter((id) => id.startsWith('kubernetes/allow-privilege-escalation')), ['kubernetes/allow-privilege-escalation@13']);
    assert.ok(ids(result.findings).includes('kubernetes/allow-privilege-escalation@26'));
  });

  it('the `checkov.io/skip1: CKV_K8S_16=reason` annotation suppresses privileged for that object', () => {
    const text = deployment('agent', '  annotations:\n    checkov.io/skip1: CKV_K8S_16=node agent\n', '            privileged: true\n');
    const result = lint(text, 'deploy.yaml');
    assert.deepEqual(ids(result.suppressed), ['kubernetes/no-privileged@14']);
    assert.equal(result.suppressed![0].suppression!.pragma, 'checkov.io/skip1: CKV_K8S_16=node agent');
  });

  it('in a Dockerfile a skip comment anywhere covers the file', () => {
    const result = lint('FROM alpine:3.20\nUSER root\n# checkov:skip=CKV_DOCKER_8:build image\n', 'Dockerfile');
    assert.deepEqual(ids(result.suppressed), ['dockerfile/no-root-user@2']);
  });
});

describe('KICS comments', () => {
  const compose = (extra: string) => `services:\n  web:\n    image: nginx:1.27\n${extra}    pid: host\n    ports:\n      - "8080:80"\n`;

  it('`# kics-scan ignore-line` suppresses findings on the next line only (for rules KICS has)', () => {
    const result = lint(compose('    # kics-scan ignore-line\n'), 'compose.yaml');
    assert.deepEqual(ids(result.suppressed), ['compose/no-host-pid@5']);
    assert.ok(ids(result.findings).some((id) => id.startsWith('compose/port-all-interfaces')));
  });

  it('`# kics-scan ignore-block` suppresses the next key and everything under it', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    # kics-scan ignore-block\n    ports:\n      - "8080:80"\n    pid: host\n';
    const result = lint(text, 'compose.yaml');
    assert.deepEqual(ids(result.suppressed), ['compose/port-all-interfaces@6']);
    assert.ok(ids(result.findings).includes('compose/no-host-pid@7'));
  });

  it('`# kics-scan disable=<query id>` silences that query in the file; `# kics-scan ignore` the whole file', () => {
    const disabled = lint(`# kics-scan disable=4f31dd9f-2cc3-4751-9b53-67e4af83dac0,00000000-0000-0000-0000-000000000000\n${compose('')}`, 'compose.yaml');
    assert.deepEqual(ids(disabled.suppressed), ['compose/no-host-pid@5']);
    const ignored = lint(`# kics-scan ignore\n${compose('')}`, 'compose.yaml');
    const suppressedRules = new Set(ids(ignored.suppressed).map((id) => id.split('@')[0]));
    assert.ok(suppressedRules.has('compose/no-host-pid') && suppressedRules.has('compose/port-all-interfaces'));
    for (const finding of ignored.suppressed!) assert.ok(ALL_RULE_METAS.find((meta) => meta.id === finding.ruleId)!.references.some((reference) => reference.source === 'kics'), finding.ruleId);
    assert.ok(ignored.findings.length > 0, 'rules without a KICS query stay reported');
    for (const finding of ignored.findings) assert.ok(!ALL_RULE_METAS.find((meta) => meta.id === finding.ruleId)?.references.some((reference) => reference.source === 'kics'), finding.ruleId);
  });
});

describe('Trivy, kube-linter and Polaris', () => {
  it('`#trivy:ignore:KSV-0017` (and the AVD id) above a line suppresses that check on it and its block', () => {
    for (const id of ['KSV-0017', 'AVD-KSV-0017', 'KSV017']) {
      const text = deployment('a', '', `            #trivy:ignore:${id}\n            privileged: true\n            allowPrivilegeEscalation: true\n`);
      const result = lint(text, 'deploy.yaml');
      assert.deepEqual(ids(result.suppressed), ['kubernetes/no-privileged@13'], id);
    }
  });

  it('kube-linter `ignore-check.kube-linter.io/<check>` and `kube-linter.io/ignore-all` annotations', () => {
    const one = lint(deployment('a', '  annotations:\n    ignore-check.kube-linter.io/privileged-container: "needs devices"\n', '            privileged: true\n            allowPrivilegeEscalation: true\n'), 'deploy.yaml');
    assert.deepEqual(ids(one.suppressed), ['kubernetes/no-privileged@14']);
    const all = lint(deployment('a', '  annotations:\n    kube-linter.io/ignore-all: "vendor chart"\n', '            privileged: true\n'), 'deploy.yaml');
    assert.ok(ids(all.suppressed).includes('kubernetes/no-privileged@14'));
    assert.ok(all.findings.every((finding) => finding.ruleId !== 'kubernetes/no-privileged'));
  });

  it('Polaris `polaris.fairwinds.com/<check>-exempt: "true"` exempts that check; "false" does not', () => {
    const exempt = lint(deployment('a', '  annotations:\n    polaris.fairwinds.com/runAsPrivileged-exempt: "true"\n', '            privileged: true\n'), 'deploy.yaml');
    assert.deepEqual(ids(exempt.suppressed), ['kubernetes/no-privileged@14']);
    const notExempt = lint(deployment('a', '  annotations:\n    polaris.fairwinds.com/runAsPrivileged-exempt: "false"\n', '            privileged: true\n'), 'deploy.yaml');
    assert.deepEqual(ids(notExempt.suppressed), []);
  });

  it('an id no rule references belongs to the other tool and suppresses nothing', () => {
    const result = lint(deployment('a', '  annotations:\n    ignore-check.kube-linter.io/no-anti-affinity: "single replica"\n', '            privileged: true\n'), 'deploy.yaml');
    assert.deepEqual(ids(result.suppressed), []);
    assert.ok(ids(result.findings).includes('kubernetes/no-privileged@14'));
  });
});

describe('suppressions.foreign', () => {
  it('`suppressions: { foreign: false }` reports everything as usual', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n';
    const result = lint(text, 'Dockerfile', 'suppressions:\n  foreign: false\n');
    assert.equal(result.suppressed, undefined);
    assert.ok(ids(result.findings).includes('dockerfile/no-root-user@3'));
  });
});
