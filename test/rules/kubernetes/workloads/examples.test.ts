import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { lintFile } from '../../../../rules/registry-lint';
import { KUBERNETES_WORKLOAD_RULES } from '../../../../rules/kubernetes/workloads';
import { REPO_ROOT } from '../../../helpers/shared';

it('examples/kubernetes/workloads.yaml trips every workload rule and nothing of the engine', () => {
  const path = 'examples/kubernetes/workloads.yaml';
  const findings = lintFile(readFileSync(join(REPO_ROOT, path), 'utf8'), path).findings;
  const seen = new Set(findings.map((finding) => finding.ruleId));
  assert.deepEqual(KUBERNETES_WORKLOAD_RULES.map((rule) => rule.meta.id).filter((id) => !seen.has(id)), [], 'rules the example does not show');
  assert.deepEqual(findings.filter((finding) => finding.ruleId.startsWith('stridelint/')).map((finding) => finding.message), []);
});
