import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-exec-attach',
    kind: 'kubernetes',
    title: 'RBAC permission to exec into, attach to or port-forward pods',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      '`pods/exec`, `pods/attach` and `pods/portforward` give a shell or a socket inside running containers, with their service account token, Secrets and network position; `pods/ephemeralcontainers` lets a subject add a debug container to any pod. `get` is enough, not only `create`: a WebSocket exec arrives as GET and is authorized as `get` (kubernetes/kubernetes#78741) unless the `AuthorizePodWebsocketUpgradeCreatePermission` feature gate (beta in 1.35) is on.',
    remediation: 'Remove `create` and `get` on these subresources (and `update`/`patch` on `pods/ephemeralcontainers`) from roles that do not exist for interactive debugging; grant debugging access just in time.',
    references: [
      { source: 'checkov', id: 'CKV2_K8S_2' },
      { source: 'kics', id: 'c589f42c-7924-4871-aee2-1cede9bc7cbc', note: 'RBAC Roles with Exec Permission' },
      { source: 'kics', id: 'd45330fd-f58d-45fb-a682-6481477a0f84', note: 'RBAC Roles with Attach Permission' },
      { source: 'kics', id: '38fa11ef-dbcc-4da8-9680-7e1fd855b6fb', note: 'RBAC Roles with Port-Forwarding Permission' },
      { source: 'trivy', id: 'KSV053' },
      { source: 'trivy', id: 'KSV054' },
      { source: 'polaris', id: 'clusterrolePodExecAttach' },
      { source: 'polaris', id: 'rolePodExecAttach' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/exec"]\n    verbs: ["get"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get"]\n' }],
    },
  },
  check(context) {
    const queries = [
      { verbs: ['create', 'get'], targets: ['pods/exec', 'pods/attach', 'pods/portforward'].map((resource) => ({ groups: CORE, resource })) },
      { verbs: ['update', 'patch'], targets: [{ groups: CORE, resource: 'pods/ephemeralcontainers' }] },
    ];
    reportGrants(context, 'warning', queries, (grant) => {
      const websocket = grant.verbs.includes('get') && !grant.verbs.includes('create') ? ' (get is enough over WebSocket)' : '';
      return `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}${websocket}, so its subjects can run commands inside running containers and use their credentials.`;
    });
  },
});
