import assert from 'node:assert/strict';
import { it } from 'node:test';
import { KUBERNETES_WORKLOAD_RULES } from '../../../../rules/kubernetes/workloads';
import { lintExampleFolder } from '../../../helpers/examples-workspace';

it('examples/kubernetes (workloads.yaml, and shop.yaml for the relations between files) trips every workload rule and nothing of the engine', () => {
  const findings = [...lintExampleFolder('examples/kubernetes').values()].flat();
  const seen = new Set(findings.map((finding) => finding.ruleId));
  assert.deepEqual(KUBERNETES_WORKLOAD_RULES.map((rule) => rule.meta.id).filter((id) => !seen.has(id)), [], 'rules the example does not show');
  assert.deepEqual(findings.filter((finding) => finding.ruleId.startsWith('stridelint/')).map((finding) => finding.message), []);
});
