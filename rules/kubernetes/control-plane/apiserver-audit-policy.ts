import { defineRule } from '../../engine/rule';
import { checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-audit-policy',
    kind: 'kubernetes',
    title: 'API server has no audit policy',
    stride: 'repudiation',
    severity: 'warning',
    fix: 'none',
    description: 'Without `--audit-policy-file` the API server audits nothing, even when an audit log path or webhook is configured: there is no policy saying which events to record.',
    remediation:
      'Point `--audit-policy-file` at an audit `Policy` (audit.k8s.io/v1) that records at least Metadata for everything, and mount it into the API server pod. See kubernetes/audit-policy-secrets for what the policy itself should say.',
    references: [...cis('3.2.1'), kics('Audit Policy File Not Defined')],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--audit-log-path=/var/log/audit.log'])],
      valid: [examplePod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', '--audit-policy-file=/etc/kubernetes/audit-policy.yaml'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkRequiredFlags(context, source, ['audit-policy-file'], 'no audit events are recorded');
    }
  },
});
