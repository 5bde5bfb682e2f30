import { defineRule } from '../../engine/rule';
import { isStaticControlPlanePod } from '../../models/file-facts/kubernetes-facts';
import { describePod, manifestNameSpan, stringOf } from '../../models/kubernetes';
import { getNode, nodeSpan } from '../../models/yaml';

export default defineRule({
  meta: {
    id: 'kubernetes/default-service-account',
    kind: 'kubernetes',
    title: 'Give workloads their own service account',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'none',
    description:
      'A pod that names no service account (or names `default`) shares the namespace\'s default account with every other such pod: any RoleBinding made for one of them grants all of them, and their API calls cannot be told apart in the audit log. Static control-plane pods (kubeadm\'s `/etc/kubernetes/manifests`, control-plane labels, hostNetwork in kube-system) use no service account and are not reported.',
    remediation: 'Create a dedicated ServiceAccount per workload and set `serviceAccountName`.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.5', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_41' },
      { source: 'kics', id: 'Service Account Name Undefined Or Empty', note: 'Service Account Name Undefined Or Empty' },
      { source: 'kube-linter', id: 'default-service-account' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      const node = getNode(pod.spec, 'serviceAccountName') ?? getNode(pod.spec, 'serviceAccount');
      const name = stringOf(node);
      if ((name && name !== 'default') || isStaticControlPlanePod(pod, context.path)) continue; // a static pod uses no service account
      const owner = describePod(pod);
      context.report({
        span: node ? nodeSpan(node) : manifestNameSpan(pod.manifest),
        message: name ? `${owner} runs as the namespace's default service account, sharing its rights with every pod that names none.` : `${owner} names no service account, so it runs as the namespace's default one, shared with every pod that names none.`,
      });
    }
  },
});
