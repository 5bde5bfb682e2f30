import { isMap } from '../../models/yaml-nodes';
import { defineRule } from '../../engine/rule';
import { podSecurityField, stringOf } from '../../models/kubernetes';
import { asSeqItems, getNode, nodeSpan } from '../../models/yaml';

/** The namespaced sysctls PSS baseline allows (the newest policy version's list). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

export default defineRule({
  meta: {
    id: 'kubernetes/unsafe-sysctls',
    kind: 'kubernetes',
    title: 'Set only safe sysctls',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'Sysctls outside the safe, namespaced set change kernel behaviour for the whole node or for other pods (memory, networking, IPC limits). Pod Security Standards baseline allows only the safe list.',
    remediation: 'Remove the sysctl, or set it on dedicated nodes through the node configuration.',
    references: [
      { source: 'pss', id: 'sysctls', note: 'baseline' },
      { source: 'trivy', id: 'KSV026' },
      { source: 'kube-linter', id: 'unsafe-sysctls' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "65536"\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "32768 60999"\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const entry of asSeqItems(podSecurityField(pod, 'sysctls')?.node)) {
        const nameNode = isMap(entry) ? getNode(entry, 'name') : undefined;
        const name = stringOf(nameNode);
        if (name === undefined || SAFE_SYSCTLS.has(name)) continue;
        context.report({ span: nodeSpan(nameNode), message: `Sysctl ${name} is not in the safe set, so the pod can change kernel settings that reach beyond it.` });
      }
    }
  },
});
