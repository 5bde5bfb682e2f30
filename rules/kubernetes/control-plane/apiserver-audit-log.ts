import { defineRule } from '../../engine/rule';
import { lookupFlag, where } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-audit-log',
    kind: 'kubernetes',
    title: 'API server writes no audit log',
    stride: 'repudiation',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without `--audit-log-path` or `--audit-webhook-config-file` the API server keeps no record of who read or changed what, so an intrusion or a mistaken change cannot be traced afterwards.',
    remediation:
      'Set `--audit-log-path=/var/log/kubernetes/audit/audit.log` with a hostPath volume mounted there (or send events to a webhook backend), together with `--audit-policy-file` and the retention flags.',
    references: [...cis('1.2.16'), { source: 'checkov', id: 'CKV_K8S_91' }, kics('Audit Log Path Not Set', '73e251f0-363d-4e53-86e2-0a93592437eb'), { source: 'trivy', id: 'KCV0019' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--audit-policy-file=/etc/kubernetes/audit-policy.yaml'])],
      valid: [examplePod('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      const backends = ['audit-log-path', 'audit-webhook-config-file'].map((name) => lookupFlag(source, name)?.value.trim());
      if (backends.some((value) => value) || source.hasConfigFile) continue;
      const edit = source.add('audit-log-path', '/var/log/kubernetes/audit/audit.log');
      context.report({
        span: source.anchor,
        message: `Neither \`--audit-log-path\` nor \`--audit-webhook-config-file\` is set ${where(source)}, so API requests leave no audit trail.`,
        fixes: edit ? [{ title: 'Add `--audit-log-path=/var/log/kubernetes/audit/audit.log`', safe: false, edits: [edit] }] : [],
      });
    }
  },
});
