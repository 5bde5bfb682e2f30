import { defineRule } from '../../engine/rule';
import { checkPluginEnabled, cis, examplePod, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-deny-external-ips',
    kind: 'kubernetes',
    title: 'API server does not deny Service external IPs',
    stride: 'spoofing',
    severity: 'info',
    fix: 'fix',
    description:
      'Without the DenyServiceExternalIPs admission plugin, anyone who may create a Service can set `spec.externalIPs` to another party\'s address and intercept that traffic inside the cluster (CVE-2020-8554).',
    remediation: 'Append `DenyServiceExternalIPs` to `--enable-admission-plugins` (unless the cluster really uses external IPs; then restrict them with a policy).',
    references: [...cis('1.2.3'), { source: 'trivy', id: 'KCV0003' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction'])],
      valid: [examplePod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkPluginEnabled(context, source, 'DenyServiceExternalIPs', 'any Service may claim external IPs and intercept their traffic', true);
    }
  },
});
