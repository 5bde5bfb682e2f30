import { isSeq } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { capabilityEntries, containerSecurityField, describeContainer } from '../../models/kubernetes';
import { asMap, findPair, keySpan, nodeSpan } from '../../models/yaml';
import { BASELINE_CAPABILITIES } from './capabilities-added';
import { appendSeqItem, setIn } from '../../models/yaml-edit';

export default defineRule({
  meta: {
    id: 'kubernetes/capabilities-drop-all',
    kind: 'kubernetes',
    title: 'Drop all capabilities',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      "Containers start with the runtime's default capabilities, `NET_RAW` among them (forged packets, ARP and DNS spoofing inside the cluster network). Pod Security Standards restricted demands `drop: [\"ALL\"]` (upper-case, compared literally) and allows only `NET_BIND_SERVICE` to be added back.",
    remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only `NET_BIND_SERVICE` if the process binds a port below 1024.',
    references: [
      { source: 'pss', id: 'capabilities_restricted', note: 'restricted' },
      { source: 'cis-kubernetes', id: '5.2.8', version: '1.12' },
      { source: 'cis-kubernetes', id: '5.2.9', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_28' },
      { source: 'checkov', id: 'CKV_K8S_37' },
      { source: 'kics', id: 'dbbc6705-d541-43b0-b166-dd4be8208b54', note: 'NET_RAW Capabilities Not Being Dropped' },
      { source: 'kics', id: '268ca686-7fb7-4ae9-b129-955a2a89064e', note: 'No Drop Capabilities for Containers' },
      { source: 'trivy', id: 'KSV003' },
      { source: 'trivy', id: 'KSV004' },
      { source: 'trivy', id: 'AVD-KSV-0106' },
      { source: 'polaris', id: 'insecureCapabilities' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (pod.isWindows) continue;
      for (const container of pod.containers) {
        const capabilities = asMap(containerSecurityField(container, 'capabilities')?.node);
        const dropPair = findPair(capabilities, 'drop');
        const drops = capabilityEntries(container, 'drop');
        if (!drops.some((entry) => entry.written === 'ALL')) {
          const netRawDropped = drops.some((entry) => entry.name === 'ALL' || entry.name === 'NET_RAW');
          const existing = dropPair?.value;
          context.report({
            span: dropPair ? keySpan(dropPair) : container.nameSpan,
            message: netRawDropped
              ? `The ${describeContainer(container)} does not drop "ALL" capabilities, so it keeps the runtime defaults it does not need.`
              : `The ${describeContainer(container)} drops neither "ALL" nor NET_RAW, so it can forge network packets and keeps every default capability (CIS 5.2.8).`,
            data: { netRawDropped },
            fixes: () => {
              const edit = isSeq(existing) ? appendSeqItem(context.text, existing, '"ALL"') : setIn(context.text, container.node, ['securityContext', 'capabilities', 'drop'], '["ALL"]');
              return edit ? [{ title: 'Drop all capabilities (`drop: ["ALL"]`)', safe: false, edits: [edit] }] : [];
            },
          });
        }
        for (const { node: entry, written, name } of capabilityEntries(container, 'add')) {
          // Outside the baseline set, kubernetes/capabilities-added already reports it.
          if (name === 'NET_BIND_SERVICE' || !BASELINE_CAPABILITIES.has(name)) continue;
          context.report({ span: nodeSpan(entry), message: `The ${describeContainer(container)} adds ${written}; the restricted profile allows only NET_BIND_SERVICE to be added back.`, data: { netRawDropped: true } });
        }
      }
    }
  },
});
