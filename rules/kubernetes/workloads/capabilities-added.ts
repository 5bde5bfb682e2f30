import { defineRule } from '../../engine/rule';
import { capabilityEntries, describeContainer } from '../../models/kubernetes';
import { nodeSpan } from '../../models/yaml';

/** What PSS baseline allows in `capabilities.add`: Docker's default set without NET_RAW. */
export const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'DAC_READ_SEARCH', 'BPF']);

export default defineRule({
  meta: {
    id: 'kubernetes/capabilities-added',
    kind: 'kubernetes',
    title: 'Do not add capabilities beyond the baseline set',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'Each capability added to a container is a piece of root. Pod Security Standards baseline allows only Docker\'s defaults without `NET_RAW`; `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`, `DAC_READ_SEARCH` and `BPF` are each enough to escape to the node and are reported as errors.',
    remediation: 'Remove the capability from `securityContext.capabilities.add`; if the workload needs it, isolate it on dedicated nodes and document why.',
    references: [
      { source: 'pss', id: 'capabilities_baseline', note: 'baseline' },
      { source: 'cis-kubernetes', id: '5.2.9', version: '1.11', note: 'added capabilities' },
      { source: 'checkov', id: 'CKV_K8S_25' },
      { source: 'checkov', id: 'CKV_K8S_39' },
      { source: 'kics', id: 'Containers With Added Capabilities', note: 'Containers With Added Capabilities' },
      { source: 'kics', id: '235236ee-ad78-4065-bd29-61b061f28ce0', note: 'Containers With Sys Admin Capabilities' },
      { source: 'trivy', id: 'KSV022' },
      { source: 'trivy', id: 'KSV005' },
      { source: 'trivy', id: 'AVD-KSV-0119' },
      { source: 'trivy', id: 'AVD-KSV-0120' },
      { source: 'polaris', id: 'dangerousCapabilities' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: net\nspec:\n  containers:\n    - name: net\n      image: net:2.1\n      securityContext:\n        capabilities:\n          add: ["NET_ADMIN", "SYS_ADMIN"]\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["NET_BIND_SERVICE"]\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const container of pod.containers) {
        for (const { node: entry, written, name } of capabilityEntries(container, 'add')) {
          if (BASELINE_CAPABILITIES.has(name)) continue;
          const dangerous = DANGEROUS.has(name);
          context.report({
            span: nodeSpan(entry),
            severity: dangerous ? 'error' : 'warning',
            message: dangerous
              ? `The ${describeContainer(container)} adds ${written}, which is enough to escape the container and control the node.`
              : `The ${describeContainer(container)} adds ${written}, a capability outside the Pod Security baseline set that widens what a compromised process can do.`,
          });
        }
      }
    }
  },
});
