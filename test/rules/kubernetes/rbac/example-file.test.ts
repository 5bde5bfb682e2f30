import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { lintFile } from '../../../../rules/registry-lint';
import { KUBERNETES_RBAC_RULES } from '../../../../rules/kubernetes/rbac';
import { REPO_ROOT } from '../../../helpers/shared';
import { lintExampleFolder } from '../../../helpers/examples-workspace';

it('examples/kubernetes/rbac.yaml trips every RBAC rule', () => {
  const path = 'examples/kubernetes/rbac.yaml';
  const findings = lintFile(readFileSync(join(REPO_ROOT, path), 'utf8'), path).findings;
  // The blast radius of a workload's account is a relation between files: shop.yaml's Deployment and its binding.
  const found = new Set([...lintExampleFolder('examples/kubernetes').values()].flat().map((finding) => finding.ruleId));
  assert.deepEqual(KUBERNETES_RBAC_RULES.map((rule) => rule.meta.id).filter((id) => !found.has(id)), [], 'rules the example does not show');
  assert.ok(!findings.some((finding) => finding.ruleId === 'stridelint/internal-error' || finding.ruleId === 'stridelint/parse-error'));
  // The report groups findings by asset: the role or binding, not just the file.
  const assets = new Set(findings.map((finding) => finding.data?.asset));
  assert.deepEqual([...assets].sort(), ['ClusterRole/ci-deployer', 'ClusterRoleBinding/ops-admins', 'ClusterRoleBinding/public-view', 'RoleBinding/app-edit']);
});
