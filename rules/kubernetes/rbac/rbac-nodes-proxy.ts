import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-nodes-proxy',
    kind: 'kubernetes',
    title: 'RBAC access to nodes/proxy',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'Any verb on `nodes/proxy` reaches the kubelet API of every node directly, bypassing admission control and API-server audit logging; even `get` reaches the kubelet\'s exec, attach and run endpoints over WebSocket (kubernetes/kubernetes#136550), so it means running commands in every pod on the node.',
    remediation: 'Remove `nodes/proxy`; monitoring agents should read `nodes/metrics`, `nodes/stats` or the metrics API instead.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.10', version: '1.12' },
      { source: 'checkov', id: 'CKV2_K8S_2' },
      { source: 'trivy', id: 'KSV047' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: metrics\nrules:\n  - apiGroups: [""]\n    resources: ["nodes", "nodes/proxy"]\n    verbs: ["get", "list"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: metrics\nrules:\n  - apiGroups: [""]\n    resources: ["nodes", "nodes/metrics"]\n    verbs: ["get", "list"]\n' }],
    },
  },
  check(context) {
    reportGrants(context, 'error', [{ verbs: 'any', targets: [{ groups: CORE, resource: 'nodes/proxy' }] }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects reach the kubelet API directly and can run commands in any pod on the node, bypassing admission and audit.`,
    );
  },
});
