import { defineRule } from '../../engine/rule';
import { checkBooleanFlag, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/controller-manager-service-account-credentials',
    kind: 'kubernetes',
    title: 'Controllers share the controller manager\'s identity',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'Unless `--use-service-account-credentials=true` is set (the default is false), every controller runs with the controller manager\'s own broad credentials instead of a per-controller service account with a narrow role, so a flaw in one controller can use the rights of all of them and the audit log cannot tell them apart.',
    remediation: 'Set `--use-service-account-credentials=true` (kubeadm does); the per-controller roles `system:controller:*` are built in.',
    references: [...cis('1.3.3'), { source: 'checkov', id: 'CKV_K8S_108' }, kics('Use Service Account Credentials Not Set To True'), { source: 'trivy', id: 'KCV0035' }],
    examples: {
      invalid: [examplePod('kube-controller-manager', ['--use-service-account-credentials=false'])],
      valid: [examplePod('kube-controller-manager', ['--use-service-account-credentials=true'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-controller-manager')) {
      checkBooleanFlag(context, source, { name: 'use-service-account-credentials', secure: true, defaultValue: false, consequence: 'runs every controller with the controller manager\'s own broad credentials', safe: true });
    }
  },
});
