import { isSeq } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { asMap, findPair, getNode, keySpan } from '../../models/yaml';

export default defineRule({
  meta: {
    id: 'kubernetes/service-external-ips',
    kind: 'kubernetes',
    title: 'Do not set Service externalIPs',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'A Service with `externalIPs` makes every node route traffic for those addresses to it: anyone who can create a Service can intercept traffic meant for another IP (CVE-2020-8554).',
    remediation: 'Remove `externalIPs`; use a `LoadBalancer` Service or an Ingress, and enable the `DenyServiceExternalIPs` admission plugin.',
    references: [
      { source: 'cis-kubernetes', id: '1.2.3', version: '1.12', note: 'related' },
      { source: 'trivy', id: 'AVD-KSV-0108' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n  externalIPs:\n    - 203.0.113.10\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n    - port: 80\n' }],
    },
  },
  check(context) {
    for (const manifest of context.model.manifests) {
      if (manifest.kind !== 'Service') continue;
      const pair = findPair(asMap(getNode(manifest.node, 'spec')), 'externalIPs');
      if (!pair || !isSeq(pair.value) || pair.value.items.length === 0) continue;
      context.report({
        span: keySpan(pair),
        message: `Service ${manifest.name ?? ''} claims external IPs, so every node routes traffic for those addresses to it and can intercept it (CVE-2020-8554).`.replace('  ', ' '),
      });
    }
  },
});
