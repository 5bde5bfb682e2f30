import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { KUBERNETES_CONTROL_PLANE_RULES } from '../../rules/kubernetes/control-plane';
import { peerCases, peerPath, SHARED_SKIP_REASON } from '../helpers/shared';

/** Peer concepts (../shared/corpus/peers/cases.json) and the stridelint rule that covers each. */
const CONCEPT_RULES: Record<string, string> = {
  'apiserver-anonymous-auth': 'kubernetes/apiserver-anonymous-auth',
  'apiserver-audit-log': 'kubernetes/apiserver-audit-log',
  'apiserver-authz-always-allow': 'kubernetes/apiserver-authorization-always-allow',
  'apiserver-insecure-port': 'kubernetes/apiserver-legacy-insecure-flags',
  'apiserver-node-restriction': 'kubernetes/apiserver-node-restriction',
  'etcd-client-cert-auth': 'kubernetes/etcd-client-cert-auth',
  'kubelet-anonymous-auth': 'kubernetes/kubelet-anonymous-auth',
  'kubelet-authz-always-allow': 'kubernetes/kubelet-authorization-mode',
  'kubelet-read-only-port': 'kubernetes/kubelet-read-only-port',
  'profiling-enabled': 'kubernetes/control-plane-profiling',
};

/** Cases where stridelint deliberately disagrees with the peer's label, each with the reason. */
const KEPT_DISAGREEMENTS: Record<string, string> = {
  'kics/apiserver-insecure-port/positive/1.yaml':
    'KICS flags an absent --insecure-port; its default has been 0 since Kubernetes 1.20 and the flag was removed in 1.24, so absence is secure (the catalog reports only an explicit non-zero port).',
};

describe('control-plane rules against peer-labelled cases', { skip: SHARED_SKIP_REASON }, () => {
  const cases = SHARED_SKIP_REASON ? [] : peerCases().filter((peerCase) => peerCase.concept in CONCEPT_RULES);
  it('covers every control-plane and kubelet concept of the corpus', () => {
    assert.deepEqual([...new Set(cases.map((peerCase) => peerCase.concept))].sort(), Object.keys(CONCEPT_RULES).sort());
  });
  let agreed = 0;
  for (const peerCase of cases) {
    const ruleId = CONCEPT_RULES[peerCase.concept];
    const disagreement = KEPT_DISAGREEMENTS[peerCase.file];
    it(`${peerCase.file}: ${ruleId} ${peerCase.expect === 'positive' ? 'reports' : 'stays quiet'}${disagreement ? ' (kept disagreement: the opposite)' : ''}`, () => {
      const config = emptyConfig();
      const rule = KUBERNETES_CONTROL_PLANE_RULES.find((candidate) => candidate.meta.id === ruleId)!;
      config.rules[ruleId] = { severity: rule.meta.severity };
      // JSON KubeletConfiguration files are not recognised by name, so the kind is given.
      const findings = lintFile(readFileSync(peerPath(peerCase), 'utf8'), peerCase.file, { config, kind: 'kubernetes', rules: [rule] }).findings;
      const reported = findings.some((finding) => finding.ruleId === ruleId);
      assert.equal(reported, (peerCase.expect === 'positive') !== Boolean(disagreement), findings.map((finding) => finding.message).join('\n'));
      if (!disagreement) agreed++;
    });
  }
  it('agreement figure', { skip: cases.length === 0 }, () => {
    // Printed for the report: cases that behave as the peer labelled them.
    console.log(`control-plane peers agreement: ${agreed}/${cases.length} (${Object.keys(KEPT_DISAGREEMENTS).length} kept disagreement)`);
    assert.equal(agreed + Object.keys(KEPT_DISAGREEMENTS).length, cases.length);
  });
});
